/**
 * `npm run book`: builds the site into book/.vitepress/dist.
 *
 *   1. typedoc writes the API pages (and tells us their URLs),
 *   2. chapters are expanded into the site source (code woven in),
 *   3. VitePress builds the site; any warning fails the build,
 *   4. links into /api/ are checked against the files typedoc wrote.
 *
 * `--dev` serves the site with live reload and re-expands chapters when a
 * chapter, solution, source or transcript changes. `--root DIR` and
 * `--out DIR` build another tree (the tests build a fixture book).
 */
import { precompressTree } from "#ch08/precompress-files.ts";
import { existsSync, readdirSync, readFileSync, rmSync, watch } from "node:fs";
import path from "node:path";
import { toolArgs } from "../cli-args.ts";
import { buildApiDocs } from "./api-docs.ts";
import { checkDiagrams } from "./check.ts";
import { BOOK_DIR, DEFAULT_DIST, REPO_ROOT, SITE_SRC, VITEPRESS_ROOT } from "./paths.ts";
import { writeSiteSource } from "./site-source.ts";

/** Folders whose TypeScript gets API pages. */
export const API_DIRS = ["src", "solutions"] as const;

export interface BuildOptions {
  readonly root: string;
  readonly out: string;
  /** Generated site source; a fixture build keeps its own beside `out`. */
  readonly src: string;
  readonly log: (line: string) => void;
}

/** Steps 1 and 2: API pages and the expanded site source. */
async function prepare(o: BuildOptions): Promise<void> {
  const apiDir = path.join(o.src, "public", "api");
  rmSync(apiDir, { recursive: true, force: true });
  const t0 = performance.now();
  const api = await buildApiDocs({
    root: o.root,
    dirs: API_DIRS,
    outDir: apiDir,
    base: "/api/",
    log: o.log,
  });
  const note = api.warnings > 0 ? ` (${api.warnings} typedoc warnings, not fatal)` : "";
  o.log(`api: ${api.urls.size} symbols in ${ms(t0)}${note}`);
  const site = writeSiteSource(o.root, BOOK_DIR, o.src, (file, symbol) =>
    api.urls.get(`${file}#${symbol}`),
  );
  const diagrams = await checkDiagrams(o.root);
  if (site.errors.length + diagrams.length > 0) throw new BookError([...site.errors, ...diagrams]);
  o.log(`chapters: ${site.chapters.length}, references: ${site.resolved.length}`);
}

export class BookError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`the book has ${problems.length} problem(s):\n  ${problems.join("\n  ")}`);
    this.problems = problems;
  }
}

const ms = (t0: number): string => `${Math.round(performance.now() - t0)} ms`;

function setEnv(o: BuildOptions): void {
  process.env.HANDSHAKE_BOOK_SRC = o.src;
  process.env.HANDSHAKE_BOOK_OUT = o.out;
  process.env.HANDSHAKE_BOOK_ROOT = o.root;
}

/** Every href="/api/..." in the built HTML must name a file typedoc wrote. */
export function checkApiLinks(dist: string): string[] {
  const problems: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== "api") walk(p);
      else if (e.name.endsWith(".html")) {
        for (const m of readFileSync(p, "utf8").matchAll(/href="\/api\/([^"#?]*)/g)) {
          if (!existsSync(path.join(dist, "api", m[1] ?? "")))
            problems.push(`${path.relative(dist, p)}: dead API link /api/${m[1]}`);
        }
      }
    }
  };
  walk(dist);
  return problems;
}

/** Build the book; throws BookError listing every problem. */
export async function buildBook(o: BuildOptions): Promise<void> {
  const t0 = performance.now();
  setEnv(o);
  await prepare(o);
  const { build } = await import("vitepress");
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(" "));
    warn(...args);
  };
  try {
    await build(VITEPRESS_ROOT);
  } finally {
    console.warn = warn;
  }
  const problems = [...warnings.map((w) => `warning: ${w}`), ...checkApiLinks(o.out)];
  if (problems.length > 0) throw new BookError(problems);
  // .br and .gz siblings, served by chapter 08 instead of compressing per request.
  const siblings = await precompressTree(o.out);
  o.log(`book: built ${o.out} in ${ms(t0)} (${siblings} precompressed siblings)`);
}

/** Serve with live reload; re-expand chapters when their inputs change. */
async function serve(o: BuildOptions): Promise<void> {
  setEnv(o);
  await prepare(o);
  const { createServer } = await import("vitepress");
  const server = await createServer(VITEPRESS_ROOT, { host: "127.0.0.1" });
  await server.listen();
  server.printUrls();
  let timer: NodeJS.Timeout | undefined;
  const rebuild = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      prepare(o).catch((e: unknown) => o.log(e instanceof Error ? e.message : String(e)));
    }, 300);
  };
  for (const dir of ["chapters", "solutions", "src", "tests", "book"]) {
    const abs = path.join(o.root, dir);
    if (!existsSync(abs)) continue;
    watch(abs, { recursive: true }, (_, name) => {
      if (name && !String(name).includes(".vitepress")) rebuild();
    });
  }
}

async function main(): Promise<void> {
  const usage = `Usage: npm run book [-- --root DIR --out DIR]
       npm run book:dev

  Builds the book into book/.vitepress/dist.
  --dev        serve it with live reload instead (npm run book:dev)
  --root DIR   build the book of another tree (the tests build a fixture)
  --out DIR    write the site there
  -h, --help   this text`;
  const { values } = toolArgs("npm run book", usage, {
    options: {
      dev: { type: "boolean", default: false },
      root: { type: "string" },
      out: { type: "string" },
    },
  });
  const out = values.out ? path.resolve(values.out) : DEFAULT_DIST;
  const o: BuildOptions = {
    root: values.root ? path.resolve(values.root) : REPO_ROOT,
    out,
    // The source must sit inside the repository so Vite resolves vue & co.
    src: out === DEFAULT_DIST ? SITE_SRC : path.join(SITE_SRC, "..", `src-${path.basename(out)}`),
    log: (line) => console.log(line),
  };
  if (values.dev) return serve(o);
  try {
    await buildBook(o);
  } catch (e) {
    console.error(`\nnpm run book failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
