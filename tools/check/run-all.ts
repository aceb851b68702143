/**
 * `npm test`: every check CI runs, in one command.
 *
 *   1. format and lint (biome)          6. the book builds (so the browser
 *   2. types, reference code (tsc)         tests read the current one)
 *   3. types, learner code (tsc)        7. every chapter's tests (vitest)
 *   4. exercises/ in sync, and the         with V8 coverage of solutions/
 *      share of code the stubs remove      and src/
 *      at or above its floor            8. coverage per chapter, against
 *   5. imports point down                  tools/check/coverage-floor.json
 *                                       9. every exercise caught by a test
 *                                      10. the book: lint, links, code refs,
 *                                          coverage floor
 *
 * Steps run in order and all run even when one fails, so one run shows
 * everything that is wrong. The last line counts tests and checks as
 * "N passed, M failed"; the summary gives each step's wall time.
 * `--quick` skips steps 6, 9 and 10 (tests that need the book build it
 * when it is missing).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { toolArgs } from "../cli-args.ts";
import { listChapters, ROOT } from "../course/chapters.ts";

interface Step {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly quick: boolean;
}

const bin = (name: string): string => path.join(ROOT, "node_modules", ".bin", name);
const tsx = (script: string, ...args: string[]): Pick<Step, "command" | "args"> => ({
  command: bin("tsx"),
  args: [script, ...args],
});

function run(step: Step): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(step.command, [...step.args], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, ...step.env },
    });
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on("error", () => resolve(1));
  });
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
}

const USAGE = `Usage: npm test [-- --quick]

  Every check CI runs, in order; all run even when one fails.
  --quick      skip the book build, the exercises-caught sweep and the
               book checks (the slow steps)
  -h, --help   this text`;

async function main(argv: string[]): Promise<number> {
  const { values } = toolArgs("npm test", USAGE, {
    args: argv,
    options: { quick: { type: "boolean", default: false } },
  });
  const quick = values.quick;
  const scratch = mkdtempSync(path.join(tmpdir(), "handshake-test-"));
  const vitestJson = path.join(scratch, "vitest.json");
  const learner = listChapters().map((c) => `learner-${c.number}`);
  const steps: Step[] = [
    { name: "format and lint", command: bin("biome"), args: ["check", "."], quick: true },
    { name: "types (solutions)", command: bin("tsc"), args: ["--noEmit", "-p", "."], quick: true },
    {
      name: "types (exercises)",
      command: bin("tsc"),
      args: ["--noEmit", "-p", ".", "--customConditions", learner.join(",")],
      quick: true,
    },
    { name: "exercises in sync", ...tsx("tools/exercises/generate.ts", "--check"), quick: true },
    { name: "exercise share floor", ...tsx("tools/exercises/share.ts", "--check"), quick: true },
    { name: "imports point down", ...tsx("tools/check/import-direction.ts"), quick: true },
    { name: "book builds", ...tsx("tools/book/build.ts"), quick: false },
    {
      name: "chapter tests",
      command: bin("vitest"),
      args: [
        "run",
        "--coverage",
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${vitestJson}`,
      ],
      quick: true,
    },
    { name: "test coverage floor", ...tsx("tools/check/coverage.ts"), quick: true },
    { name: "every exercise caught", ...tsx("tools/check/exercises-caught.ts"), quick: false },
  ];
  if (existsSync(path.join(ROOT, "tools/book/check.ts"))) {
    steps.push({ name: "book checks", ...tsx("tools/book/check.ts"), quick: false });
  }
  if (existsSync(path.join(ROOT, "tools/book/coverage.ts"))) {
    steps.push({ name: "book coverage", ...tsx("tools/book/coverage.ts"), quick: false });
  }
  const results: { name: string; ok: boolean; seconds: number }[] = [];
  const started = Date.now();
  for (const step of steps) {
    if (quick && !step.quick) continue;
    console.log(`\n━━ ${step.name} ━━`);
    const t0 = Date.now();
    const code = await run(step);
    results.push({ name: step.name, ok: code === 0, seconds: (Date.now() - t0) / 1000 });
  }
  let passed = 0;
  let failed = 0;
  if (existsSync(vitestJson)) {
    const json = JSON.parse(readFileSync(vitestJson, "utf8")) as VitestJson;
    passed += json.numPassedTests;
    failed += json.numFailedTests;
  } else if (results.some((r) => r.name === "chapter tests")) {
    failed += 1; // vitest broke before it could report: count it, never hide it
  }
  rmSync(scratch, { recursive: true, force: true });
  console.log("\n━━ summary ━━");
  // Wall time per step: CI has a budget, and this shows where it goes.
  for (const r of results) {
    const time = `${r.seconds.toFixed(0).padStart(5)} s`;
    console.log(`  ${r.ok ? "ok    " : "FAILED"}  ${time}  ${r.name}`);
  }
  console.log(`          ${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s  in all`);
  const checks = results.filter((r) => r.name !== "chapter tests");
  passed += checks.filter((r) => r.ok).length;
  failed += checks.filter((r) => !r.ok).length;
  const stepFailed = results.some((r) => !r.ok);
  console.log(`\ntests: ${passed} passed, ${failed} failed`);
  return stepFailed || failed > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
