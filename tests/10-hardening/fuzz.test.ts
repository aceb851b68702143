/**
 * Fuzzing, as a test: every committed input (seeds, finds, and every
 * crash ever found, which stays as a regression) replays clean, and a
 * short run with a fixed seed, bounded in runs so it is reproducible,
 * finds nothing new. `npm run fuzz` runs longer, by time.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { fuzz, mutate, Random } from "../../tools/fuzz/engine.ts";
import { corpusOf } from "../../tools/fuzz/corpus.ts";
import { planted } from "../../tools/fuzz/planted.ts";
import { TARGETS } from "../../tools/fuzz/targets.ts";

/** Runs per target in the test: a few seconds each on a loaded machine. */
const CI_RUNS = 1_000;

describe.each(TARGETS.map((t) => [t.name, t] as const))("fuzz target %s", (name, target) => {
  const corpus = corpusOf(name);

  test("has a committed seed corpus", () => {
    expect(corpus.length).toBeGreaterThan(0);
  });

  test("every committed input replays without a crash (regressions included)", () => {
    for (const input of corpus) {
      expect(() => target.run(input), JSON.stringify(input.toString("latin1"))).not.toThrow();
    }
  });

  test(`a bounded run (${CI_RUNS} runs, seed 1) finds no crash`, async () => {
    const result = await fuzz(target, corpus, {
      seconds: 30,
      maxRuns: CI_RUNS,
      seed: 1,
      maxLength: 4096,
    });
    expect(result.crash, result.crash?.error).toBeUndefined();
    expect(result.features, "coverage was measured").toBeGreaterThan(10);
  }, 60_000);
});

describe("the engine", () => {
  test("coverage guides it to a bug behind nested branches", async () => {
    // Seeded, so the runs needed are fixed; the run count is the bound
    // that matters, and the time cap is generous so that a loaded machine
    // (V8 coverage per run is the cost) does not cut the search short.
    const result = await fuzz(planted, [Buffer.from("seed")], {
      seconds: 100,
      maxRuns: 20_000,
      seed: 1,
      maxLength: 64,
    });
    expect(
      result.crash?.error,
      `${result.runs} runs, ${result.features} features, corpus ${result.corpus.length}`,
    ).toBe("Error: found the planted bug");
  }, 130_000);

  test("mutations are reproducible from the seed", () => {
    const a = new Random(7);
    const b = new Random(7);
    const input = Buffer.from("GET / HTTP/1.1\r\n\r\n");
    for (let i = 0; i < 50; i++) {
      expect(mutate(input, input, a, 100)).toEqual(mutate(input, input, b, 100));
    }
  });
});

describe("npm run fuzz, the command", () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "tools/fuzz/run.ts", ...args], {
      encoding: "utf8",
      timeout: 30_000,
    });

  test("--help lists the targets and options", () => {
    const r = run("--help");
    expect(r.status).toBe(0);
    for (const t of TARGETS) expect(r.stdout).toContain(t.name);
    expect(r.stdout).toContain("--seconds");
  });

  test.each([
    [["--bogus"], /Unknown option '--bogus'/],
    [["nope"], /no such target: nope/],
    [["--seconds", "x"], /--seconds wants a whole number/],
    [["--runs", "0"], /--runs wants a whole number, at least 1/],
  ])("%j gets one clear line and exit 2, not a stack trace", (args, message) => {
    const r = run(...args);
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).toContain("--help");
  });
});
