/**
 * `npm run book:check`: the book's part of `npm test`. Fast (no site
 * build): markdownlint is clean, internal links and anchors resolve, and
 * every code, exercise and transcript reference in chapters/ resolves and
 * renders. Exits 1 with every problem listed, each with file:line.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { CodeResolver } from "./code-refs.ts";
import { expandMarkdown } from "./expand.ts";
import { checkLinks } from "./links.ts";
import { lintMarkdown } from "./lint-markdown.ts";
import { checkMermaid } from "./mermaid-check.ts";
import { REPO_ROOT } from "./paths.ts";
import { listBookPages } from "./site-source.ts";
import { readFileSync } from "node:fs";

/** The Markdown whose links we check: what readers navigate between. */
export function linkedMarkdown(root: string): string[] {
  const top = ["README.md", "CONTRIBUTING.md"].filter((f) => existsSync(path.join(root, f)));
  const book = existsSync(path.join(root, "book"))
    ? readdirSync(path.join(root, "book"))
        .filter((f) => f.endsWith(".md"))
        .map((f) => `book/${f}`)
    : [];
  return [...top, ...listBookPages(root).map((c) => c.file), ...book];
}

/** Resolve and render every reference of every chapter and notes page. */
export function checkCodeRefs(root: string): { count: number; problems: string[] } {
  const resolver = new CodeResolver(root);
  let count = 0;
  const problems: string[] = [];
  for (const c of listBookPages(root)) {
    const x = expandMarkdown(readFileSync(path.join(root, c.file), "utf8"), c.file, resolver);
    count += x.resolved.length;
    problems.push(...x.errors);
  }
  return { count, problems };
}

export interface CheckSection {
  readonly name: string;
  readonly problems: readonly string[];
  readonly summary: string;
}

/** Mermaid syntax of every chapter's diagrams. */
export async function checkDiagrams(root: string): Promise<string[]> {
  const problems: string[] = [];
  for (const c of listBookPages(root))
    problems.push(...(await checkMermaid(readFileSync(path.join(root, c.file), "utf8"), c.file)));
  return problems;
}

export async function runChecks(root: string, lint = true): Promise<CheckSection[]> {
  const files = linkedMarkdown(root);
  const links = files.flatMap((f) => checkLinks(root, f));
  const refs = checkCodeRefs(root);
  const diagrams = await checkDiagrams(root);
  const sections: CheckSection[] = [
    { name: "links", problems: links, summary: `${files.length} files` },
    { name: "code references", problems: refs.problems, summary: `${refs.count} references` },
    { name: "mermaid diagrams", problems: diagrams, summary: "syntax" },
  ];
  if (lint) {
    const md = lintMarkdown(root);
    sections.unshift({ name: "markdownlint", problems: md, summary: ".markdownlint.jsonc" });
  }
  return sections;
}

async function main(): Promise<void> {
  const sections = await runChecks(REPO_ROOT);
  let failed = 0;
  for (const s of sections) {
    const mark = s.problems.length === 0 ? "ok  " : "FAIL";
    console.log(`${mark} ${s.name} (${s.summary})`);
    for (const p of s.problems) console.log(`     ${p}`);
    failed += s.problems.length;
  }
  if (failed > 0) {
    console.error(`\nbook:check failed: ${failed} problem(s) above.`);
    process.exitCode = 1;
  } else console.log("\nbook:check passed.");
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
