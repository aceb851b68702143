/**
 * How much of each chapter the learner writes: the share of the chapter's
 * solution code that the stubs remove.
 *
 *   share = code lines inside @exercise bodies / code lines of the chapter
 *
 * A code line is a line with at least one token that is not a comment
 * (blank and comment-only lines count for neither side). A body's own
 * braces stay in the learner's copy, so they are not counted as removed.
 *
 *   npx tsx tools/exercises/share.ts           print the table
 *   npx tsx tools/exercises/share.ts --check   exit 1 when a chapter is
 *                                              below its floor
 *
 * The floor (share-floor.json, next to this file) is the course's promise
 * that stubs never shrink: raise it when a chapter's exercises grow.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { toolArgs } from "../cli-args.ts";
import { type Chapter, listChapters, listSources, ROOT } from "../course/chapters.ts";
import { scanExercises } from "./scan.ts";

// From ROOT, not import.meta.dirname: `npm run learn -- stats` runs this
// file bundled into dist/learn/ (tools/learn/learn.mjs).
export const FLOOR_FILE = path.join(ROOT, "tools", "exercises", "share-floor.json");

/** 0-based line numbers that carry a non-comment token. */
export function codeLines(fileName: string, text: string): Set<number> {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const lines = new Set<number>();
  const lineOf = (pos: number): number => source.getLineAndCharacterOfPosition(pos).line;
  const isDoc = (n: ts.Node): boolean =>
    n.kind >= ts.SyntaxKind.FirstJSDocNode && n.kind <= ts.SyntaxKind.LastJSDocNode;
  // Leaf tokens of the syntax tree: comments are trivia, never tokens, and
  // a multi-line string or template marks every line it spans.
  const visit = (node: ts.Node): void => {
    if (isDoc(node)) return;
    const children = node.getChildren(source);
    if (children.length === 0) {
      const start = node.getStart(source);
      const end = node.getEnd();
      if (end <= start) return;
      for (let l = lineOf(start); l <= lineOf(end - 1); l++) lines.add(l);
      return;
    }
    for (const c of children) visit(c);
  };
  visit(source);
  return lines;
}

export interface FileShare {
  readonly file: string;
  readonly code: number;
  readonly removed: number;
}

/** Code lines of a file, and how many of them the stubs remove. */
export function fileShare(fileName: string, text: string): FileShare {
  const code = codeLines(fileName, text);
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const lineOf = (pos: number): number => source.getLineAndCharacterOfPosition(pos).line;
  const removed = new Set<number>();
  for (const ex of scanExercises(fileName, text)) {
    let from = lineOf(ex.bodyStart);
    let to = lineOf(ex.bodyEnd - 1);
    // A block's `{` line and `}` line stay (the stub keeps its braces).
    if (!ex.expressionBody) {
      from += 1;
      to -= 1;
    }
    for (let l = from; l <= to; l++) if (code.has(l)) removed.add(l);
  }
  return { file: fileName, code: code.size, removed: removed.size };
}

export interface ChapterShare {
  readonly chapter: string;
  readonly slug: string;
  readonly code: number;
  readonly removed: number;
  /** Whole percent, rounded down (so a floor is never met by rounding). */
  readonly percent: number;
}

export function chapterShare(chapter: Chapter): ChapterShare {
  let code = 0;
  let removed = 0;
  for (const rel of listSources(chapter.solutionsDir)) {
    const file = path.join(chapter.solutionsDir, rel);
    const s = fileShare(file, readFileSync(file, "utf8"));
    code += s.code;
    removed += s.removed;
  }
  const percent = code === 0 ? 0 : Math.floor((removed * 100) / code);
  return { chapter: chapter.number, slug: chapter.slug, code, removed, percent };
}

export type Floor = Record<string, number>;

export function readFloor(): Floor {
  return JSON.parse(readFileSync(FLOOR_FILE, "utf8")) as Floor;
}

/** Chapters below their floor, as messages; empty when all are at or above. */
export function belowFloor(shares: readonly ChapterShare[], floor: Floor): string[] {
  const out: string[] = [];
  for (const s of shares) {
    const min = floor[s.chapter];
    if (min !== undefined && s.percent < min) {
      out.push(`chapter ${s.chapter}: stubs remove ${s.percent}%, floor is ${min}%`);
    }
  }
  return out;
}

export function renderShares(shares: readonly ChapterShare[], floor: Floor): string {
  const lines = ["chapter                     code  removed  share  floor"];
  for (const s of shares) {
    const min = floor[s.chapter];
    lines.push(
      `${s.slug.padEnd(26)} ${String(s.code).padStart(5)}  ${String(s.removed).padStart(7)}  ` +
        `${`${s.percent}%`.padStart(5)}  ${min === undefined ? "    -" : `${min}%`.padStart(5)}`,
    );
  }
  const code = shares.reduce((n, s) => n + s.code, 0);
  const removed = shares.reduce((n, s) => n + s.removed, 0);
  const all = code === 0 ? 0 : Math.floor((removed * 100) / code);
  lines.push(
    `${"all chapters".padEnd(26)} ${String(code).padStart(5)}  ${String(removed).padStart(7)}  ${`${all}%`.padStart(5)}`,
  );
  lines.push("", "target: stubs remove at least 30% of every chapter's code lines");
  return lines.join("\n");
}

const USAGE = `Usage: npx tsx tools/exercises/share.ts [--check]

  The share of each chapter's code the learner writes.
  --check      exit 1 when a chapter is below its floor (share-floor.json)
  -h, --help   this text`;

function main(argv: string[]): number {
  const { values } = toolArgs("tools/exercises/share.ts", USAGE, {
    args: argv,
    options: { check: { type: "boolean", default: false } },
  });
  const shares = listChapters().map(chapterShare);
  const floor = readFloor();
  console.log(renderShares(shares, floor));
  if (!values.check) return 0;
  const low = belowFloor(shares, floor);
  if (low.length === 0) {
    console.log("\nshare: every chapter at or above its floor (tools/exercises/share-floor.json)");
    return 0;
  }
  console.error("\nshare: below the floor in tools/exercises/share-floor.json:");
  for (const l of low) console.error(`  ${l}`);
  console.error(
    "  (a chapter's exercises lost code to write: grow them back, never lower the floor)",
  );
  return 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = main(process.argv.slice(2));
}
