/**
 * Test coverage per chapter, against a floor that only rises.
 *
 *   npx vitest run --coverage          writes coverage/coverage-summary.json
 *   tsx tools/check/coverage.ts        prints lines/branches/functions per
 *                                      chapter (solutions/NN-slug, src/);
 *                                      exit 1 when one falls below its floor
 *   tsx tools/check/coverage.ts --raise
 *                                      raise tools/check/coverage-floor.json
 *                                      to today's figures (never lowers it)
 *
 * `npm test` runs the first two. The floor is line coverage in whole
 * percent; a change that removes tests, or adds code no test runs, fails
 * until it is covered again.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { toolArgs } from "../cli-args.ts";
import { ROOT } from "../course/chapters.ts";

export const SUMMARY = path.join(ROOT, "coverage", "coverage-summary.json");
export const FLOOR_FILE = path.join(ROOT, "tools", "check", "coverage-floor.json");

interface Counts {
  total: number;
  covered: number;
}
type Metric = "lines" | "branches" | "functions";
type FileSummary = Record<Metric, Counts>;

/** "solutions/03-keep-alive/x.ts" → "03-keep-alive"; "src/…" → "src". */
export function groupOf(file: string): string | undefined {
  const rel = path.relative(ROOT, file).split(path.sep).join("/");
  const chapter = /^solutions\/(\d\d-[^/]+)\//.exec(rel)?.[1];
  if (chapter !== undefined) return chapter;
  return rel.startsWith("src/") ? "src" : undefined;
}

/** Per-group totals from an istanbul json-summary. */
export function byGroup(summary: Record<string, FileSummary>): Map<string, FileSummary> {
  const groups = new Map<string, FileSummary>();
  for (const [file, counts] of Object.entries(summary)) {
    const group = file === "total" ? undefined : groupOf(file);
    if (group === undefined) continue;
    const sum = groups.get(group) ?? {
      lines: { total: 0, covered: 0 },
      branches: { total: 0, covered: 0 },
      functions: { total: 0, covered: 0 },
    };
    for (const metric of ["lines", "branches", "functions"] as const) {
      sum[metric].total += counts[metric].total;
      sum[metric].covered += counts[metric].covered;
    }
    groups.set(group, sum);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

const percent = (c: Counts): number => (c.total === 0 ? 100 : (100 * c.covered) / c.total);

const USAGE = `Usage: npx tsx tools/check/coverage.ts [--raise]

  Test coverage per chapter (from coverage/coverage-summary.json, written
  by vitest --coverage) against tools/check/coverage-floor.json.
  --raise      raise the floor to today's figures (never lowers it)
  -h, --help   this text`;

function main(argv: string[]): number {
  const { values } = toolArgs("tools/check/coverage.ts", USAGE, {
    args: argv,
    options: { raise: { type: "boolean", default: false } },
  });
  if (!existsSync(SUMMARY)) {
    console.error(
      `coverage: ${path.relative(ROOT, SUMMARY)} is missing; run vitest with --coverage`,
    );
    return 1;
  }
  const groups = byGroup(JSON.parse(readFileSync(SUMMARY, "utf8")));
  const floor: Record<string, number> = existsSync(FLOOR_FILE)
    ? JSON.parse(readFileSync(FLOOR_FILE, "utf8"))
    : {};
  const below: string[] = [];
  console.log("coverage     lines  branches  functions  floor (lines)");
  for (const [group, sum] of groups) {
    const lines = percent(sum.lines);
    const min = floor[group] ?? 0;
    if (lines < min) below.push(`${group}: ${lines.toFixed(1)}% < ${min}%`);
    const cells = [lines, percent(sum.branches), percent(sum.functions)].map((p) =>
      `${p.toFixed(1)}%`.padStart(8),
    );
    console.log(`${group.padEnd(24).slice(0, 24)} ${cells.join("  ")}  ${min}%`);
  }
  if (values.raise) {
    const raised = { ...floor };
    for (const [group, sum] of groups) {
      raised[group] = Math.max(floor[group] ?? 0, Math.floor(percent(sum.lines)));
    }
    writeFileSync(FLOOR_FILE, `${JSON.stringify(raised, null, 2)}\n`);
    console.log(`coverage: floor written to ${path.relative(ROOT, FLOOR_FILE)}`);
  }
  for (const line of below) console.error(`coverage: below the floor: ${line}`);
  return below.length === 0 ? 0 : 1;
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href)
  process.exitCode = main(process.argv.slice(2));
