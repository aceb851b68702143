/**
 * Runs one chapter's tests against the learner's code and reads the result.
 *
 * Progress is derived, never stored: a chapter is done when its tests pass
 * with the learner's chapters 1..N switched on (HANDSHAKE_LEARNER, see
 * vitest.config.ts). Tests run in this process through vitest's own API:
 * one vitest (and its vite server and workers) is created per set of
 * learner chapters and reused, so a rerun in watch mode pays for the
 * tests, not for starting vitest again. The cache (cache.ts) only
 * remembers passes of unchanged inputs.
 */
import path from "node:path";
import type { TestCase, TestModule, TestSpecification, Vitest } from "vitest/node";
import { type Chapter, ROOT } from "../course/chapters.ts";

export interface FailedTest {
  readonly file: string;
  /** Describe blocks and title, joined with " > ". */
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
  /** True when the result came from the cache, not from running tests. */
  readonly cached?: boolean;
  /** Milliseconds the run took. */
  readonly ms?: number;
}

/** Which chapters run the learner's code: "cumulative" = 1..N, "alone" = N. */
export type Mode = "cumulative" | "alone";

export function learnerEnv(chapters: readonly Chapter[], upTo: Chapter, mode: Mode): string {
  const on = mode === "alone" ? [upTo] : chapters.filter((c) => c.number <= upTo.number);
  return on.map((c) => c.number).join(",");
}

interface ErrorLike {
  readonly name?: string;
  readonly message?: string;
  readonly stack?: string;
  readonly diff?: string;
}

/** One readable message from vitest's serialized error. */
function describeError(e: ErrorLike): string {
  const head = `${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message ?? ""}`;
  const stack = (e.stack ?? "")
    .split("\n")
    .filter((l) => /^\s+at /.test(l))
    .join("\n");
  return [head, e.diff ?? "", stack].filter((s) => s.trim() !== "").join("\n");
}

function readModules(chapter: Chapter, modules: readonly TestModule[], ms: number): ChapterRun {
  let passed = 0;
  const failures: FailedTest[] = [];
  const loadErrors: FailedTest[] = [];
  for (const m of modules) {
    const file = path.relative(ROOT, m.moduleId);
    const tests: TestCase[] = [...m.children.allTests()];
    const moduleErrors = m.errors();
    if (moduleErrors.length > 0 && tests.length === 0) {
      loadErrors.push({
        file,
        name: "loading the test file",
        message: moduleErrors.map(describeError).join("\n\n"),
      });
    }
    for (const t of tests) {
      const r = t.result();
      if (r.state === "passed") passed++;
      else if (r.state === "failed") {
        failures.push({ file, name: t.fullName, message: r.errors.map(describeError).join("\n") });
      }
    }
  }
  return {
    chapter,
    passed,
    failed: failures.length + loadErrors.length,
    failures,
    loadErrors,
    ms,
  };
}

/**
 * A vitest kept alive between runs. Created lazily for one learner set
 * (the import conditions are fixed when vite starts); a different set
 * closes it and starts another.
 */
export class Runner {
  #vitest: Vitest | undefined;
  #learner = "";
  #env: Record<string, string>;

  constructor(env: Record<string, string> = {}) {
    this.#env = env;
  }

  async #instance(learner: string): Promise<Vitest> {
    if (this.#vitest && this.#learner === learner) return this.#vitest;
    await this.close();
    // vitest.config.ts reads these while vite starts; workers inherit them.
    Object.assign(process.env, this.#env, { HANDSHAKE_LEARNER: learner, NO_COLOR: "1" });
    const { createVitest } = await import("vitest/node");
    this.#vitest = await createVitest(
      "test",
      { watch: false, reporters: [{}], root: ROOT, silent: true },
      { logLevel: "silent", server: { watch: null } },
    );
    this.#learner = learner;
    return this.#vitest;
  }

  /** Run the chapter's test files (all, or just `only`). */
  async run(chapter: Chapter, learner: string, only?: readonly string[]): Promise<ChapterRun> {
    const started = performance.now();
    const vitest = await this.#instance(learner);
    const dir = `${path.relative(ROOT, chapter.testsDir)}/`;
    let specs: TestSpecification[];
    try {
      specs = await vitest.getRelevantTestSpecifications([dir]);
    } catch {
      specs = [];
    }
    if (only) {
      const wanted = new Set(only.map((f) => path.resolve(ROOT, f)));
      specs = specs.filter((s) => wanted.has(s.moduleId));
    }
    if (specs.length === 0) {
      return {
        chapter,
        passed: 0,
        failed: 1,
        failures: [],
        loadErrors: [{ file: dir, name: "finding the tests", message: `no test files in ${dir}` }],
      };
    }
    // A changed exercise must be read again: drop vite's cached transforms.
    for (const f of changedSinceLastRun.splice(0)) vitest.invalidateFile(f);
    const result = await vitest.runTestSpecifications(specs);
    const ran = new Set(specs.map((s) => s.moduleId));
    const modules = result.testModules.filter((m) => ran.has(m.moduleId));
    const run = readModules(chapter, modules, performance.now() - started);
    if (result.unhandledErrors.length > 0 && run.failed === 0) {
      return {
        ...run,
        failed: 1,
        loadErrors: [
          {
            file: dir,
            name: "an error outside any test",
            message: (result.unhandledErrors as ErrorLike[]).map(describeError).join("\n\n"),
          },
        ],
      };
    }
    return run;
  }

  async close(): Promise<void> {
    const v = this.#vitest;
    this.#vitest = undefined;
    await v?.close();
  }
}

/** Files saved since the last run (watch mode fills it). */
export const changedSinceLastRun: string[] = [];
