/**
 * One long-lived vitest that probes exercises for tools/check/exercises-caught.ts.
 *
 * Started with an IPC channel; the parent sends batches of probes (the
 * exercises of one solutions file) and gets one result per probe. For each
 * probe the runner sets HANDSHAKE_STUB (vitest.config.ts reads it at every
 * transform), invalidates the stubbed file in vitest's module graph, and
 * runs the chapter's test files one at a time until one fails: first the
 * files that import the source (tools/check/import-graph.ts), quick ones
 * and likely catchers first, then every other file of the chapter (see
 * orderFiles). Test files run in a fresh process each (vitest's
 * isolation), so a file's verdict does not depend on what ran before it;
 * the answer is the one `vitest run tests/NN-slug/` would give.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { TestModule, Vitest } from "vitest/node";
import { createVitest } from "vitest/node";
import { ROOT } from "../course/chapters.ts";
import { parseStubSpec } from "../exercises/stub-plugin.ts";
import type { Probe, ProbeResult } from "./exercises-caught.ts";
import { ImportGraph } from "./import-graph.ts";

export type ToRunner = { readonly probes: readonly Probe[] } | { readonly exit: true };
export type FromRunner =
  | { readonly result: ProbeResult }
  | { readonly idle: true }
  | { readonly ready: true };

const graph = new ImportGraph();
/** Source file -> the test file that caught its last exercise. */
const lastCatcher = new Map<string, string>();

function testFiles(testsDir: string): string[] {
  const abs = path.join(ROOT, testsDir);
  return readdirSync(abs, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => path.join(abs, f))
    .sort();
}

/** Test file -> how many exercises it caught so far in this run. */
const catches = new Map<string, number>();
/** Test file -> its shortest whole run so far (ms): one where no test failed. */
const costs = new Map<string, number>();

/** Test files that launch Chromium: seconds each, before any is measured. */
const BROWSER = path.join(ROOT, "tools/testing/chromium.ts");

/**
 * Files much slower than the others (a browser, a real peer with its own
 * timeouts): tried after the quick ones that also import the source.
 */
export function slowFiles(cost: ReadonlyMap<string, number>): Set<string> {
  const sorted = [...cost.values()].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return new Set(
    [...cost].filter(([, ms]) => sorted.length >= 3 && ms > 4 * median).map(([f]) => f),
  );
}

/** Whether a test file's text names the exercise (`reset` for `LineSplitter.reset`). */
const mentions = (file: string, name: string): boolean => {
  const short = name.slice(name.lastIndexOf(".") + 1).replace(/^#/, "");
  return new RegExp(`\\b${short.replace(/[$]/g, "\\$&")}\\b`).test(readFileSync(file, "utf8"));
};

/**
 * The chapter's test files, the likeliest to catch an exercise first: the
 * files that import the source, quick ones first; among them the one that
 * caught the previous exercise of the same source, then those that name
 * the exercise, or are named after the source, or import it directly (the
 * best catchers so far first); then the rest.
 */
export function orderFiles(
  files: readonly string[],
  source: string,
  name: string,
  last?: string,
  caughtSoFar: ReadonlyMap<string, number> = catches,
  slow: ReadonlySet<string> = slowFiles(costs),
): string[] {
  const base = path.basename(source, ".ts");
  const rank = (f: string): number[] => {
    const depth = graph.closure(f).get(source);
    return [
      depth === undefined ? 1 : 0,
      slow.has(f) || graph.closure(f).has(BROWSER) ? 1 : 0,
      f === last ? 0 : 1,
      mentions(f, name) ? 0 : 1,
      path.basename(f, ".test.ts") === base ? 0 : 1,
      depth ?? 99,
      -(caughtSoFar.get(f) ?? 0),
    ];
  };
  const ranked = files.map((f, i) => ({ f, key: [...rank(f), i] }));
  const compare = (a: number[], b: number[]): number => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
    return 0;
  };
  return ranked.sort((a, b) => compare(a.key, b.key)).map((x) => x.f);
}

function failedIn(module: TestModule | undefined): string | undefined {
  if (!module) return undefined;
  for (const t of module.children.allTests("failed")) return t.fullName;
  if (module.errors().length > 0 || module.state() === "failed")
    return "(the file failed as a whole)";
  return undefined;
}

async function probe(vitest: Vitest, p: Probe, previous: string | undefined): Promise<ProbeResult> {
  const spec = `${p.file}#${p.name}`;
  process.env.HANDSHAKE_STUB = spec;
  const { target } = parseStubSpec(spec);
  for (const file of new Set([target, previous])) if (file) vitest.invalidateFile(file);
  const source = target as string;
  const project = vitest.getRootProject();
  let passed = 0;
  let filesRun = 0;
  const started = Date.now();
  for (const file of orderFiles(testFiles(p.testsDir), source, p.name, lastCatcher.get(source))) {
    const t0 = Date.now();
    const run = await vitest.runTestSpecifications([project.createSpecification(file)]);
    const ms = Date.now() - t0;
    filesRun++;
    const module = run.testModules.find((m) => m.moduleId === file);
    const failedTest = failedIn(module);
    if (failedTest) {
      lastCatcher.set(source, file);
      catches.set(file, (catches.get(file) ?? 0) + 1);
      return {
        ...p,
        failed: 1,
        passed,
        caughtBy: `${path.relative(ROOT, file)} > ${failedTest}`,
        filesRun,
        ms: Date.now() - started,
      };
    }
    // A run that failed may have stopped early (bail): only a whole run is a cost.
    costs.set(file, Math.min(costs.get(file) ?? Number.POSITIVE_INFINITY, ms));
    if (module) passed += [...module.children.allTests("passed")].length;
    else if (run.unhandledErrors.length > 0) {
      const error = String(run.unhandledErrors[0]);
      return { ...p, failed: 0, passed, error, filesRun, ms: Date.now() - started };
    }
  }
  return { ...p, failed: 0, passed, filesRun, ms: Date.now() - started };
}

async function main(): Promise<void> {
  const send = (m: FromRunner): void => {
    process.send?.(m);
  };
  const vitest = await createVitest(
    "test",
    {
      watch: false,
      bail: 1,
      maxWorkers: 1,
      coverage: { enabled: false },
      // Quiet: results go to the parent, which names the exercise.
      reporters: [{}],
    },
    { root: ROOT },
  );
  let previous: string | undefined;
  process.on("message", async (m: ToRunner) => {
    if ("exit" in m) {
      await vitest.close();
      process.exit(0);
    }
    for (const p of m.probes) {
      const result = await probe(vitest, p, previous);
      previous = parseStubSpec(`${p.file}#${p.name}`).target;
      send({ result });
    }
    send({ idle: true });
  });
  send({ ready: true });
}

const entry = process.argv[1];
if (process.send && entry && import.meta.url === pathToFileURL(entry).href) void main();
