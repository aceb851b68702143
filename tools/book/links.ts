/**
 * Internal link checking for the repository's Markdown.
 *
 * Chapters link to each other, to README and CONTRIBUTING, and to
 * sections (`03-keep-alive.md#pipelining`); test failures print the same
 * links. A renamed heading silently breaks them, so the check resolves
 * every relative link and every anchor (GitHub's slugs, which the site
 * uses too). External links are not fetched: no network in CI.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { headingAnchors } from "./slug.ts";

export interface LinkRef {
  readonly href: string;
  /** 1-based line in the Markdown file. */
  readonly line: number;
}

const INLINE = /!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const DEFINITION = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/;
const HTML_HREF = /<a\s[^>]*href="([^"]+)"/g;

/** Every link in a Markdown text outside code (fences and inline spans). */
export function extractLinks(markdown: string): LinkRef[] {
  const links: LinkRef[] = [];
  let fence: string | undefined;
  for (const [i, raw] of markdown.split("\n").entries()) {
    const f = /^\s*(`{3,}|~{3,})/.exec(raw)?.[1];
    if (f && (fence === undefined || f.startsWith(fence))) {
      fence = fence === undefined ? f : undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const line = raw.replace(/(`+)[\s\S]*?\1/g, "");
    const def = DEFINITION.exec(line)?.[1];
    if (def) links.push({ href: def, line: i + 1 });
    for (const re of [INLINE, HTML_HREF])
      for (const m of line.matchAll(re)) if (m[1]) links.push({ href: m[1], line: i + 1 });
  }
  return links;
}

const cache = new Map<string, Set<string>>();

function anchorsOf(file: string): Set<string> {
  let a = cache.get(file);
  if (!a) {
    a = headingAnchors(readFileSync(file, "utf8"));
    cache.set(file, a);
  }
  return a;
}

/**
 * Where an href points in the repository, or undefined when it is not
 * ours to check (external, mail, the generated API pages).
 */
export function linkTarget(root: string, mdFile: string, href: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined;
  const [rawPath = "", _] = href.split("#");
  const file = decodeURI(rawPath);
  if (file.startsWith("/")) {
    // Site-absolute (the landing page): /chapters/01-sockets → chapters/01-sockets.md
    if (file.startsWith("/api/")) return undefined;
    const page = file === "/" ? "index" : file.slice(1).replace(/\.html$/, "");
    const inBook = path.join(root, "book", `${page}.md`);
    return existsSync(inBook) ? inBook : path.join(root, `${page}.md`);
  }
  if (file === "") return path.join(root, mdFile);
  return path.resolve(path.dirname(path.join(root, mdFile)), file);
}

/** Check every link of one Markdown file; returns problems as file:line. */
export function checkLinks(root: string, mdFile: string): string[] {
  const problems: string[] = [];
  const text = readFileSync(path.join(root, mdFile), "utf8");
  for (const link of extractLinks(text)) {
    const target = linkTarget(root, mdFile, link.href);
    if (target === undefined) continue;
    const at = `${mdFile}:${link.line}`;
    if (!existsSync(target)) {
      problems.push(`${at}: broken link ${link.href} (no ${path.relative(root, target)})`);
      continue;
    }
    const anchor = link.href.split("#")[1];
    if (anchor === undefined || statSync(target).isDirectory() || !target.endsWith(".md")) continue;
    if (!anchorsOf(target).has(decodeURIComponent(anchor)))
      problems.push(`${at}: no heading #${anchor} in ${path.relative(root, target)}`);
  }
  return problems;
}

/** Forget cached anchors (files changed between checks). */
export function clearAnchorCache(): void {
  cache.clear();
}
