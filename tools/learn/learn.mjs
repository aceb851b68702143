#!/usr/bin/env node
/**
 * `npm run learn` starts here, in plain JavaScript, so that `hint` answers
 * in well under a second. Node 20 runs no TypeScript by itself, and tsx's
 * loader costs more than that budget on a busy 2-core machine before the
 * first line of the CLI runs. So the CLI (cli.ts and what it imports from
 * tools/) runs as one esbuild bundle, dist/learn/cli.mjs, with plain node:
 *
 * - `npm install` builds it ("prepare" runs this file with --build);
 * - every start compares the bundle's inputs (the size and modification
 *   time of each source esbuild read, kept in dist/learn/inputs.json) with
 *   the files on disk and rebuilds first when one changed (a fifth of a
 *   second), so an edit under tools/ is never run stale;
 * - without esbuild, or when the build fails, it runs cli.ts under tsx as
 *   before: slower, never wrong (and tsx reports a syntax error well).
 *
 * dist/ is ignored by git: the bundle is never committed. npm packages
 * stay outside the bundle (vitest, typescript), loaded only by the
 * commands that need them.
 */
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const ENTRY = path.join(ROOT, "tools", "learn", "cli.ts");
const OUT = path.join(ROOT, "dist", "learn");
const BUNDLE = path.join(OUT, "cli.mjs");
const INPUTS = path.join(OUT, "inputs.json");
const SELF = path.relative(ROOT, fileURLToPath(import.meta.url));

/** "size:mtime" of a repository file, or "" when it is gone. */
function stamp(rel) {
  try {
    const s = statSync(path.join(ROOT, rel));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return "";
  }
}

/** True when the bundle was built from the files as they are now. */
function fresh() {
  try {
    const inputs = JSON.parse(readFileSync(INPUTS, "utf8"));
    const files = Object.keys(inputs);
    return files.length > 0 && files.every((rel) => stamp(rel) === inputs[rel]);
  } catch {
    return false;
  }
}

/**
 * Bundle the CLI; false when esbuild is missing or the build fails. Code
 * the fast commands do not need (the TypeScript compiler's users, the
 * open track) goes to chunks that load on first use.
 */
async function build() {
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    return false;
  }
  // Built into a folder of its own, then moved in, the entry last: a learn
  // run starting meanwhile loads the old bundle or the new one, never half
  // of one. Chunks are named by their content, so one already in place is
  // the same file; those a long `--watch` may still load stay a day.
  const temp = path.join(OUT, `.build-${process.pid}`);
  try {
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: { cli: ENTRY },
      outdir: temp,
      outExtension: { ".js": ".mjs" },
      chunkNames: "chunk-[hash]",
      bundle: true,
      splitting: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      metafile: true,
      logLevel: "silent",
    });
    const inputs = { [SELF]: stamp(SELF) };
    for (const rel of Object.keys(result.metafile.inputs)) inputs[rel] = stamp(rel);
    const built = readdirSync(temp);
    for (const f of built) if (f !== "cli.mjs") renameSync(path.join(temp, f), path.join(OUT, f));
    renameSync(path.join(temp, "cli.mjs"), BUNDLE);
    writeFileSync(path.join(temp, "inputs.json"), `${JSON.stringify(inputs, null, 2)}\n`);
    renameSync(path.join(temp, "inputs.json"), INPUTS);
    const dayAgo = Date.now() - 86_400_000;
    for (const f of readdirSync(OUT)) {
      const file = path.join(OUT, f);
      if (f.startsWith("chunk-") && !built.includes(f) && statSync(file).mtimeMs < dayAgo) {
        rmSync(file, { force: true });
      }
    }
    return true;
  } catch {
    return false;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
if (argv[0] === "--build") {
  process.exitCode = fresh() || (await build()) ? 0 : 1;
} else if (fresh() || (await build())) {
  const { run } = await import(pathToFileURL(BUNDLE).href);
  await run(argv);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  const { run } = await import(pathToFileURL(ENTRY).href);
  await run(argv);
}
