/**
 * `npm run book:coverage`: how much of the code the book shows.
 *
 * A line counts when it is code (it holds a token that is not a comment)
 * in solutions/ or src/, and the book shows it: it lies inside a symbol a
 * chapter (or a chapter's design notes, chapters/notes/) references with
 * `code:` or `exercise:`. Printed per chapter, for
 * src/ and in total; the total must not fall below the floor committed in
 * book/coverage-floor.json (`--write-floor` records the current value).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { toolArgs } from "../cli-args.ts";
import { CodeResolver, resolveAll } from "./code-refs.ts";
import { REPO_ROOT } from "./paths.ts";
import { listBookPages } from "./site-source.ts";

/** 1-based lines of `text` that hold code, not just comments or blanks. */
export function codeLines(fileName: string, text: string): Set<number> {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const lines = new Set<number>();
  const lineOf = (pos: number): number => source.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node): void => {
    const children = node.getChildren(source);
    if (children.length === 0 && node.kind !== ts.SyntaxKind.EndOfFileToken) {
      const end = lineOf(node.getEnd());
      for (let l = lineOf(node.getStart(source)); l <= end; l++) lines.add(l);
      return;
    }
    for (const c of children) if (!ts.isJSDoc(c)) visit(c);
  };
  visit(source);
  return lines;
}

export interface CoverageRow {
  /** "solutions/01-sockets", "src" or "total". */
  readonly unit: string;
  readonly code: number;
  readonly shown: number;
}

const percent = (r: CoverageRow): number => (r.code === 0 ? 0 : (100 * r.shown) / r.code);

function tsFiles(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !/\.(test|d)\.ts$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/** The unit a file belongs to: its chapter folder, or "src". */
const unitOf = (file: string): string =>
  file.startsWith("solutions/") ? file.split("/").slice(0, 2).join("/") : "src";

/** Lines shown by the book, per file. */
export function shownLines(root: string): Map<string, Set<number>> {
  const resolver = new CodeResolver(root);
  const shown = new Map<string, Set<number>>();
  for (const c of listBookPages(root)) {
    const md = readFileSync(path.join(root, c.file), "utf8");
    for (const r of resolveAll(resolver, md, c.file).resolved) {
      if (r.kind === "transcript") continue;
      const set = shown.get(r.directive.file) ?? new Set<number>();
      for (let l = r.symbol.startLine; l <= r.symbol.endLine; l++) set.add(l);
      shown.set(r.directive.file, set);
    }
  }
  return shown;
}

/** Coverage rows: one per unit, then the total. */
export function measureCoverage(root: string): CoverageRow[] {
  const shown = shownLines(root);
  const units = new Map<string, { code: number; shown: number }>();
  for (const file of [...tsFiles(root, "solutions"), ...tsFiles(root, "src")]) {
    const code = codeLines(file, readFileSync(path.join(root, file), "utf8"));
    const seen = shown.get(file) ?? new Set<number>();
    const u = units.get(unitOf(file)) ?? { code: 0, shown: 0 };
    u.code += code.size;
    u.shown += [...code].filter((l) => seen.has(l)).length;
    units.set(unitOf(file), u);
  }
  const rows = [...units.entries()]
    .sort(([a], [b]) => (a === "src" ? 1 : b === "src" ? -1 : a.localeCompare(b)))
    .map(([unit, u]) => ({ unit, ...u }));
  const total = {
    unit: "total",
    code: rows.reduce((n, r) => n + r.code, 0),
    shown: rows.reduce((n, r) => n + r.shown, 0),
  };
  return [...rows, total];
}

export function formatCoverage(rows: readonly CoverageRow[]): string {
  const width = Math.max(5, ...rows.map((r) => r.unit.length));
  const line = (r: CoverageRow): string =>
    `${r.unit.padEnd(width)}  ${String(r.shown).padStart(6)} / ${String(r.code).padEnd(6)} ${percent(r).toFixed(1).padStart(5)}%`;
  return [`${"unit".padEnd(width)}  ${"shown".padStart(6)} / code`, ...rows.map(line)].join("\n");
}

/** The committed floor: total share (percent) the book must keep showing. */
export const FLOOR_FILE = path.join(REPO_ROOT, "book", "coverage-floor.json");

function main(): void {
  const usage = `Usage: npm run book:coverage [-- --write-floor]

  How much of solutions/ and src/ the book shows, per chapter; fails below
  the floor in book/coverage-floor.json.
  --write-floor   record the current total as the new floor
  -h, --help      this text`;
  const { values } = toolArgs("npm run book:coverage", usage, {
    options: { "write-floor": { type: "boolean" } },
  });
  const rows = measureCoverage(REPO_ROOT);
  console.log(formatCoverage(rows));
  const total = percent(rows.at(-1) as CoverageRow);
  if (values["write-floor"]) {
    const floor = Math.floor(total * 10) / 10;
    writeFileSync(FLOOR_FILE, `${JSON.stringify({ totalPercent: floor }, null, 2)}\n`);
    console.log(`\nfloor set to ${floor}% in ${path.relative(REPO_ROOT, FLOOR_FILE)}`);
    return;
  }
  const floor = (JSON.parse(readFileSync(FLOOR_FILE, "utf8")) as { totalPercent: number })
    .totalPercent;
  if (total + 1e-9 < floor) {
    console.error(
      `\nbook coverage fell: ${total.toFixed(1)}% is below the floor of ${floor}% ` +
        `(${path.relative(REPO_ROOT, FLOOR_FILE)}). Show more code in the chapters.`,
    );
    process.exitCode = 1;
  } else console.log(`\nfloor ${floor}%: ok`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
