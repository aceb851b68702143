/**
 * Runs one chapter's tests against the learner's code and reads the result.
 *
 * Progress is derived, never stored: a chapter is done when its tests pass
 * with the learner's chapters 1..N switched on (HANDSHAKE_LEARNER, see
 * vitest.config.ts). Each run is a vitest process with a JSON report.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Chapter, ROOT } from "../course/chapters.ts";

export interface FailedTest {
  readonly file: string;
  readonly name: string;
  readonly message: string;
}

export interface ChapterRun {
  readonly chapter: Chapter;
  readonly passed: number;
  readonly failed: number;
  readonly failures: readonly FailedTest[];
  /** A test file that could not even load (syntax error, bad import). */
  readonly loadErrors: readonly FailedTest[];
}

interface VitestAssertion {
  status: string;
  fullName: string;
  failureMessages?: string[];
}

interface VitestFile {
  name: string;
  status: string;
  message?: string;
  assertionResults: VitestAssertion[];
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  testResults: VitestFile[];
}

/** Which chapters run the learner's code: "cumulative" = 1..N, "alone" = N. */
export type Mode = "cumulative" | "alone";

export function learnerEnv(chapters: readonly Chapter[], upTo: Chapter, mode: Mode): string {
  const on = mode === "alone" ? [upTo] : chapters.filter((c) => c.number <= upTo.number);
  return on.map((c) => c.number).join(",");
}

/** Run a chapter's tests with the learner's code switched on. */
export function runChapter(
  chapter: Chapter,
  learner: string,
  extraEnv: Record<string, string> = {},
): Promise<ChapterRun> {
  const scratch = mkdtempSync(path.join(tmpdir(), "handshake-learn-"));
  const out = path.join(scratch, "report.json");
  const bin = path.join(ROOT, "node_modules", ".bin", "vitest");
  const args = [
    "run",
    path.relative(ROOT, chapter.testsDir),
    "--reporter=json",
    `--outputFile=${out}`,
  ];
  return new Promise((resolve) => {
    const child = spawn(bin, args, {
      cwd: ROOT,
      env: { ...process.env, ...extraEnv, HANDSHAKE_LEARNER: learner, NO_COLOR: "1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("close", () => {
      const run = readReport(chapter, out, stderr);
      rmSync(scratch, { recursive: true, force: true });
      resolve(run);
    });
  });
}

function readReport(chapter: Chapter, file: string, stderr: string): ChapterRun {
  if (!existsSync(file)) {
    const message = stderr.trim() || "vitest did not produce a report";
    return {
      chapter,
      passed: 0,
      failed: 1,
      failures: [],
      loadErrors: [{ file: chapter.testsDir, name: "running the tests", message }],
    };
  }
  const json = JSON.parse(readFileSync(file, "utf8")) as VitestJson;
  const failures: FailedTest[] = [];
  const loadErrors: FailedTest[] = [];
  for (const f of json.testResults) {
    const rel = path.relative(ROOT, f.name);
    if (f.status === "failed" && f.assertionResults.length === 0) {
      loadErrors.push({ file: rel, name: "loading the test file", message: f.message ?? "" });
    }
    for (const a of f.assertionResults) {
      if (a.status === "failed") {
        failures.push({
          file: rel,
          name: a.fullName,
          message: (a.failureMessages ?? []).join("\n"),
        });
      }
    }
  }
  return {
    chapter,
    passed: json.numPassedTests,
    failed: json.numFailedTests + loadErrors.length,
    failures,
    loadErrors,
  };
}
