/**
 * One long-lived vitest that probes exercises for tools/check/exercises-caught.ts.
 *
 * Started with an IPC channel; the parent sends batches of probes (the
 * exercises of one solutions file) and gets one result per probe. For each
 * probe the runner sets HANDSHAKE_STUB (vitest.config.ts reads it at every
 * transform), invalidates the stubbed file in vitest's module graph, and
 * runs the chapter's test files one at a time until one fails: first the
 * file that caught the previous exercise of the same source, then the files
 * that import the source (tools/check/import-graph.ts), then every other
 * file of the chapter. Test files run in a fresh process each (vitest's
 * isolation), so a file's verdict does not depend on what ran before it;
 * the answer is the one `vitest run tests/NN-slug/` would give.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
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

/** The chapter's test files, the likeliest to catch `source` first. */
export function orderFiles(files: readonly string[], source: string, last?: string): string[] {
  const base = path.basename(source, ".ts");
  const rank = (f: string): number => {
    if (f === last) return 0;
    if (!graph.closure(f).has(source)) return 3;
    return path.basename(f, ".test.ts") === base ? 1 : 2;
  };
  return files
    .map((f, i) => ({ f, i, r: rank(f) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.f);
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
  for (const file of orderFiles(testFiles(p.testsDir), source, lastCatcher.get(source))) {
    const run = await vitest.runTestSpecifications([project.createSpecification(file)]);
    filesRun++;
    const module = run.testModules.find((m) => m.moduleId === file);
    const failedTest = failedIn(module);
    if (failedTest) {
      lastCatcher.set(source, file);
      return {
        ...p,
        failed: 1,
        passed,
        caughtBy: `${path.relative(ROOT, file)} > ${failedTest}`,
        filesRun,
        ms: Date.now() - started,
      };
    }
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

if (process.send) void main();
