/**
 * The API reference: typedoc's HTML for the public exports of solutions/
 * and src/, written into the site's public/api/ so VitePress ships it at
 * /api/ unchanged.
 *
 * HTML rather than Markdown pages: typedoc's own theme has type
 * hierarchies, cross-links and its own search, and markdown output needs a
 * plugin we do not have. The build gets a map from "file#symbol" to the
 * page URL so code captions in chapters link to the right page.
 *
 * Type errors in files someone is still writing are not this step's
 * business (tsc reports them); typedoc's own configuration errors are, and
 * they fail the build.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  Application,
  type DeclarationReflection,
  type Logger,
  LogLevel,
  ReflectionKind,
  type Reflection,
} from "typedoc";

export interface ApiDocsResult {
  /** "solutions/01-sockets/x.ts#name" → "/api/functions/....html". */
  readonly urls: ReadonlyMap<string, string>;
  readonly warnings: number;
}

/** The TypeScript files typedoc documents: non-test code in these dirs. */
export function apiEntryPoints(root: string, dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ts$/.test(e.name) && !/\.(test|d)\.ts$/.test(e.name)) out.push(p);
    }
  };
  for (const d of dirs) if (existsSync(path.join(root, d))) walk(path.join(root, d));
  return out.sort();
}

/** Count warnings without printing each; errors still print. */
function quietLogger(logger: Logger, log: (line: string) => void): { warnings: () => number } {
  let warnings = 0;
  const original = logger.log.bind(logger);
  logger.log = (message, level) => {
    if (level === LogLevel.Warn) warnings++;
    if (level === LogLevel.Error) log(`typedoc error: ${String(message)}`);
    if (level >= LogLevel.Warn) original(message, level);
  };
  logger.warn = (message) => {
    warnings++;
    void message;
  };
  return { warnings: () => warnings };
}

function keyOf(root: string, refl: Reflection): string | undefined {
  const decl = refl as DeclarationReflection;
  const file = decl.sources?.[0]?.fullFileName;
  if (!file) return undefined;
  const parent = refl.parent;
  const owned = parent?.kindOf(ReflectionKind.Class | ReflectionKind.Interface) === true;
  const name = owned && parent ? `${parent.name}.${refl.name}` : refl.name;
  return `${path.relative(root, file).split(path.sep).join("/")}#${name}`;
}

/**
 * Generate the API pages for `root` into `outDir`. `base` is the URL the
 * pages are served under ("/api/").
 */
export async function buildApiDocs(options: {
  readonly root: string;
  readonly dirs: readonly string[];
  readonly outDir: string;
  readonly base: string;
  readonly log: (line: string) => void;
}): Promise<ApiDocsResult> {
  const entryPoints = apiEntryPoints(options.root, options.dirs);
  if (entryPoints.length === 0) return { urls: new Map(), warnings: 0 };
  const app = await Application.bootstrap({
    entryPoints,
    entryPointStrategy: "resolve",
    tsconfig: path.join(options.root, "tsconfig.json"),
    skipErrorChecking: true,
    name: "Handshake API",
    readme: "none",
    excludePrivate: true,
    excludeInternal: true,
    githubPages: false,
    logLevel: "Warn",
    validation: { notExported: false, invalidLink: true, notDocumented: false },
    navigationLinks: { "← The book": "/" },
  });
  const counter = quietLogger(app.logger, options.log);
  if (app.logger.hasErrors()) throw new Error("typedoc: configuration error (see above)");
  const project = await app.convert();
  if (!project) throw new Error("typedoc: conversion failed (see above)");
  const urls = new Map<string, string>();
  app.renderer.on("endRender", () => {
    const router = app.renderer.router;
    if (!router) return;
    for (const target of router.getLinkTargets()) {
      if (!("kindOf" in target) || !router.hasUrl(target)) continue;
      const key = keyOf(options.root, target);
      if (key) urls.set(key, options.base + router.getFullUrl(target));
    }
  });
  await app.generateDocs(project, options.outDir);
  if (app.logger.hasErrors()) throw new Error("typedoc: rendering failed (see above)");
  linkBackToChapters(options.root, options.outDir, urls, options.base);
  return { urls, warnings: counter.warnings() };
}

/**
 * An API page is not a dead end: under its title, a link back to the
 * chapter that teaches the symbol (the chapter whose solutions/ folder
 * defines it). `urls` maps "solutions/NN-slug/file.ts#name" to the page.
 */
export function linkBackToChapters(
  root: string,
  outDir: string,
  urls: ReadonlyMap<string, string>,
  base: string,
): number {
  const pages = new Map<string, string>();
  for (const [key, url] of urls) {
    const slug = /^solutions\/(\d\d-[a-z0-9-]+)\//.exec(key)?.[1];
    const page = url.startsWith(base) ? url.slice(base.length).split("#")[0] : undefined;
    if (slug && page && !pages.has(page)) pages.set(page, slug);
  }
  let linked = 0;
  for (const [page, slug] of pages) {
    const file = path.join(outDir, page);
    const chapter = path.join(root, "chapters", `${slug}.md`);
    if (!existsSync(file) || !existsSync(chapter)) continue;
    const title = /^# (.+)$/m.exec(readFileSync(chapter, "utf8"))?.[1]?.trim() ?? slug;
    const html = readFileSync(file, "utf8");
    if (html.includes('class="hs-chapter-link"')) continue;
    const link = `<p class="hs-chapter-link"><a href="/chapters/${slug}">← Taught in ${escapeHtml(title)}</a></p>`;
    const out = html.replace(/(<h1[^>]*>[\s\S]*?<\/h1>)/, `$1${link}`);
    if (out !== html) {
      writeFileSync(file, out);
      linked++;
    }
  }
  return linked;
}

const escapeHtml = (t: string): string =>
  t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
