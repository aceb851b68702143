/**
 * CI invariant 2: every exercise is caught by a test.
 *
 * For each `@exercise` in solutions/, run that chapter's tests with only
 * that function stubbed (HANDSHAKE_STUB, see tools/exercises/stub-plugin.ts)
 * and require at least one failing test. A function no test catches is
 * named, and the run fails: an exercise the gate cannot see is a gate that
 * waves every learner through.
 *
 *   npm run check:caught            every chapter
 *   npm run check:caught -- 02      one chapter
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { listChapters, listSources, ROOT } from "../course/chapters.ts";
import { scanExercises } from "../exercises/scan.ts";

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

interface VitestJson {
  numFailedTests: number;
  numPassedTests: number;
  /** Files that failed as a whole (a beforeAll that threw): a learner sees those too. */
  numFailedTestSuites?: number;
}

/** Run one chapter's tests with one exercise stubbed. */
export function runProbe(probe: Probe, scratch: string): Promise<ProbeResult> {
  const out = path.join(scratch, `${probe.chapter}-${probe.name}.json`);
  const bin = path.join(ROOT, "node_modules", ".bin", "vitest");
  const args = ["run", probe.testsDir, "--bail=1", "--reporter=json", `--outputFile=${out}`];
  return new Promise((resolve) => {
    const child = spawn(bin, args, {
      cwd: ROOT,
      env: { ...process.env, HANDSHAKE_STUB: `${probe.file}#${probe.name}`, NO_COLOR: "1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("close", () => {
      if (!existsSync(out)) {
        resolve({
          ...probe,
          failed: 0,
          passed: 0,
          error: stderr.trim().split("\n").slice(-3).join(" "),
        });
        return;
      }
      const json = JSON.parse(readFileSync(out, "utf8")) as VitestJson;
      // With --bail=1 the first failure may be a whole file's (its server
      // would not start), and vitest stops before any test is counted.
      const failed = json.numFailedTests + (json.numFailedTestSuites ?? 0);
      resolve({ ...probe, failed, passed: json.numPassedTests });
    });
  });
}

/** Run probes with bounded parallelism (the machine has 2 cores). */
export async function runProbes(
  probes: readonly Probe[],
  parallel = 2,
  onResult?: (r: ProbeResult) => void,
): Promise<ProbeResult[]> {
  const scratch = mkdtempSync(path.join(tmpdir(), "handshake-caught-"));
  const results: ProbeResult[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < probes.length) {
      const probe = probes[next++] as Probe;
      const r = await runProbe(probe, scratch);
      results.push(r);
      onResult?.(r);
    }
  };
  try {
    await Promise.all(Array.from({ length: parallel }, worker));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return results;
}

async function main(argv: string[]): Promise<number> {
  const only = argv.find((a) => /^\d{1,2}$/.test(a))?.padStart(2, "0");
  const probes = listProbes(only);
  console.log(`exercises caught: stubbing ${probes.length} exercises one at a time`);
  const results = await runProbes(probes, 2, (r) => {
    const mark = r.failed > 0 ? "caught  " : "MISSED  ";
    console.log(`  ${mark}${r.chapter} ${r.name}${r.error ? ` (vitest error: ${r.error})` : ""}`);
  });
  const missed = results.filter((r) => r.failed === 0);
  if (missed.length > 0) {
    console.error(`\nexercises caught: ${missed.length} exercise(s) no test catches:`);
    for (const m of missed) console.error(`  ${m.file}#${m.name} (tests: ${m.testsDir})`);
    return 1;
  }
  console.log(`exercises caught: all ${results.length} caught`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
