/**
 * CI invariant 2: every exercise is caught by a test.
 *
 * For each `@exercise` in solutions/, run that chapter's tests with only
 * that function stubbed (HANDSHAKE_STUB, see tools/exercises/stub-plugin.ts)
 * and require at least one failing test. A function no test catches is
 * named, and the run fails: an exercise the gate cannot see is a gate that
 * waves every learner through.
 *
 * Two long-lived vitest runners (tools/check/caught-runner.ts) share the
 * probes; each stops at the first test file that fails, trying the files
 * that import the stubbed source first, and tries every file of the
 * chapter before it calls an exercise missed.
 *
 *   npm run check:caught                      every chapter
 *   npm run check:caught -- --chapter 02      one chapter (or: -- 02, -- 02,13)
 *   npm run check:caught -- --jobs 1          one runner
 */
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { toolArgs, usageError } from "../cli-args.ts";
import { listChapters, listSources, ROOT } from "../course/chapters.ts";
import { scanExercises } from "../exercises/scan.ts";
import type { FromRunner } from "./caught-runner.ts";

export interface Probe {
  readonly chapter: string;
  readonly testsDir: string;
  /** Repository-relative solutions file. */
  readonly file: string;
  readonly name: string;
}

export interface ProbeResult extends Probe {
  readonly failed: number;
  readonly passed: number;
  /** Set when vitest itself broke (no test report). */
  readonly error?: string;
  /** "tests/NN-slug/file.test.ts > test name": the first test that failed. */
  readonly caughtBy?: string;
  /** How many test files ran before one failed (or all of them). */
  readonly filesRun?: number;
  /** Wall time of the probe. */
  readonly ms?: number;
}

/** Every exercise of the given chapters, as probes. */
export function listProbes(only?: string): Probe[] {
  const probes: Probe[] = [];
  for (const c of listChapters()) {
    if (only && c.number !== only) continue;
    for (const rel of listSources(c.solutionsDir)) {
      const abs = path.join(c.solutionsDir, rel);
      for (const ex of scanExercises(abs, readFileSync(abs, "utf8"))) {
        probes.push({
          chapter: c.number,
          testsDir: path.relative(ROOT, c.testsDir),
          file: path.relative(ROOT, abs),
          name: ex.name,
        });
      }
    }
  }
  return probes;
}

/** Probes grouped by solutions file, the files with most exercises first. */
export function batches(probes: readonly Probe[]): Probe[][] {
  const byFile = new Map<string, Probe[]>();
  for (const p of probes) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  return [...byFile.values()].sort((a, b) => b.length - a.length);
}

/**
 * Run probes in `parallel` long-lived vitest runners (tools/check/caught-runner.ts),
 * each fed one solutions file's exercises at a time.
 */
export async function runProbes(
  probes: readonly Probe[],
  parallel = 2,
  onResult?: (r: ProbeResult) => void,
): Promise<ProbeResult[]> {
  const queue = batches(probes);
  const results: ProbeResult[] = [];
  const runner = path.join(ROOT, "tools/check/caught-runner.ts");
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const child = fork(runner, [], {
        cwd: ROOT,
        execArgv: ["--import", "tsx"],
        env: { ...process.env, NO_COLOR: "1" },
        stdio: ["ignore", "ignore", "pipe", "ipc"],
      });
      let stderr = "";
      child.stderr?.on("data", (d: Buffer) => {
        stderr = (stderr + d.toString()).slice(-4000);
      });
      let pending: Probe[] = [];
      const next = (): void => {
        pending = queue.shift() ?? [];
        child.send(pending.length > 0 ? { probes: pending } : { exit: true });
      };
      child.on("message", (m: FromRunner) => {
        if ("result" in m) {
          pending = pending.filter((p) => !(p.file === m.result.file && p.name === m.result.name));
          results.push(m.result);
          onResult?.(m.result);
        } else next();
      });
      child.on("close", (code) => {
        // A runner that dies fails the probes it held: never count them caught.
        const error = `runner exited (${code}): ${stderr.trim().split("\n").slice(-3).join(" ")}`;
        for (const p of pending) {
          const r: ProbeResult = { ...p, failed: 0, passed: 0, error };
          results.push(r);
          onResult?.(r);
        }
        resolve();
      });
    });
  await Promise.all(Array.from({ length: Math.min(parallel, queue.length) }, one));
  return results;
}

const USAGE = `Usage: npm run check:caught -- [--chapter NN[,NN]] [--jobs N]

  Stubs every @exercise one at a time and requires a failing test.
  --chapter NN   only these chapters (also: -- 02, or -- 02,13)
  --jobs N       vitest runners (default 2)
  -h, --help     this text`;

function parseArgs(argv: string[]): { chapters: string[]; jobs: number } {
  const tool = "npm run check:caught";
  const { values, positionals } = toolArgs(tool, USAGE, {
    args: argv,
    allowPositionals: true,
    options: {
      chapter: { type: "string", multiple: true, default: [] },
      jobs: { type: "string", default: "2" },
    },
  });
  const chapters = [...values.chapter, ...positionals].flatMap((c) => c.split(","));
  const wrong = chapters.filter((c) => !/^\d{1,2}$/.test(c));
  if (wrong.length > 0) usageError(tool, `not a chapter number: ${wrong.join(", ")}`);
  const jobs = Number(values.jobs);
  if (!Number.isSafeInteger(jobs) || jobs < 1)
    usageError(tool, "--jobs wants a whole number, at least 1");
  return { chapters: chapters.map((c) => c.padStart(2, "0")), jobs };
}

async function main(argv: string[]): Promise<number> {
  const { chapters, jobs } = parseArgs(argv);
  const probes = chapters.length > 0 ? chapters.flatMap((c) => listProbes(c)) : listProbes();
  if (probes.length === 0) {
    console.error(`exercises caught: no exercises in chapter(s) ${chapters.join(", ")}`);
    return 1;
  }
  const started = Date.now();
  console.log(
    `exercises caught: stubbing ${probes.length} exercises one at a time (${jobs} runners)`,
  );
  const results = await runProbes(probes, jobs, (r) => {
    const mark = r.failed > 0 ? "caught  " : "MISSED  ";
    const by = r.caughtBy ? ` by ${r.caughtBy}` : "";
    const took =
      r.ms === undefined ? "" : ` [${(r.ms / 1000).toFixed(1)} s, ${r.filesRun} file(s)]`;
    console.log(
      `  ${mark}${r.chapter} ${r.name}${by}${took}${r.error ? ` (vitest error: ${r.error})` : ""}`,
    );
  });
  const missed = results.filter((r) => r.failed === 0);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (missed.length > 0 || results.length !== probes.length) {
    console.error(`\nexercises caught: ${missed.length} exercise(s) no test catches:`);
    for (const m of missed) console.error(`  ${m.file}#${m.name} (tests: ${m.testsDir})`);
    return 1;
  }
  const files = results.reduce((n, r) => n + (r.filesRun ?? 0), 0);
  console.log(
    `exercises caught: all ${results.length} caught (${files} test file runs, ${seconds} s)`,
  );
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
