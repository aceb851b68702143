/**
 * `npm run bench`: our server against node:http and a bare node:net
 * ceiling, plus the parser and idle-memory micro-benchmarks.
 *
 *   npm run bench                          # everything, 5 s runs, 3 rounds
 *   npm run bench -- --quick --only parser # smoke check
 *   npm run bench -- --json > bench.json   # for machines
 *
 * Speed is measured here, never in timed tests. Servers and load tools are
 * child processes pinned to different CPUs; every run is bounded.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import { autocannon } from "./load-tools/autocannon.ts";
import { h2load } from "./load-tools/h2load.ts";
import type { LoadTool } from "./load-tools/load-tool.ts";
import { wrk } from "./load-tools/wrk.ts";
import type { Measurement } from "./measurement.ts";
import { type BenchOptions, parseOptions, USAGE } from "./options.ts";
import { pinSelf, planPinning, which } from "./pinning.ts";
import { type BenchReport, buildReport, type Environment, renderReport } from "./report.ts";
import { SCENARIOS } from "./scenarios/index.ts";
import type { BenchContext } from "./scenarios/scenario.ts";
import { killAllServers } from "./server-process.ts";
import { type OursCommand, oursCommand, removeCompiledPeers } from "./servers.ts";
import type { Target } from "./summary.ts";

const ALL_TOOLS: readonly LoadTool[] = [autocannon, wrk, h2load];

/** Read before pinning: once pinned, this process sees only its own CPUs. */
const CPUS = os.availableParallelism();

function context(options: BenchOptions): BenchContext {
  return {
    options,
    pin: planPinning(CPUS, which("taskset") !== undefined, options.pin),
    ours: oursCommand(options.chapter, options.oursCommand),
    tools: ALL_TOOLS.filter((t) => options.tools.includes(t.name as never) && t.available()),
    log: options.json ? () => {} : (m) => process.stderr.write(`· ${m}\n`),
  };
}

/** How ours was started, flags and all, so a reader can run the same. */
function describeOurs(ours: OursCommand, chapter: number | undefined): string {
  const how =
    ours.source === "custom"
      ? "custom command"
      : chapter === undefined
        ? "as `npm start` runs it: every chapter, shipped defaults, no environment overrides"
        : `as of chapter ${chapter}, shipped defaults`;
  const core = ours.source === "custom" ? "" : `; ours (chapter 03): the same with --chapter 3`;
  return `${ours.argv.join(" ")} (${ours.source}; ${how})${core}`;
}

function environment(c: BenchContext, loadBefore: number): Environment {
  const { options: o } = c;
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: CPUS,
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown CPU",
    pinning: c.pin.note,
    ours: describeOurs(c.ours, c.options.chapter),
    tools: c.tools.map((t) => t.name),
    durationSec: o.durationSec,
    rounds: o.rounds,
    connections: o.connections,
    pipelining: o.pipelining,
    loadAverage: [loadBefore, os.loadavg()[0]!],
  };
}

async function main(): Promise<number> {
  const names = SCENARIOS.map((s) => s.name);
  const parsed = parseOptions(process.argv.slice(2), process.env, names);
  if (!parsed.ok) {
    process.stderr.write(`bench: ${parsed.error}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed.options.render !== undefined) {
    const saved = JSON.parse(readFileSync(parsed.options.render, "utf8")) as BenchReport;
    process.stdout.write(renderReport(saved, parsed.options.markdown));
    return 0;
  }
  const loadBefore = os.loadavg()[0]!;
  const c = context(parsed.options);
  pinSelf(c.pin.load);
  c.log(c.pin.note);
  const chosen = SCENARIOS.filter(
    (s) => c.options.only.length === 0 || c.options.only.includes(s.name),
  );
  const measurements: Measurement[] = [];
  const targets: Target[] = [];
  for (const scenario of chosen) {
    c.log(`${scenario.name}: ${scenario.description}`);
    measurements.push(...(await scenario.run(c)));
    targets.push(...(scenario.targets ?? []));
  }
  const report = buildReport(environment(c, loadBefore), measurements, targets);
  process.stdout.write(
    c.options.json
      ? `${JSON.stringify(report, null, 2)}\n`
      : renderReport(report, c.options.markdown),
  );
  return 0;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    killAllServers();
    process.exit(130);
  });
}
process.on("exit", () => {
  killAllServers();
  removeCompiledPeers();
});

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    killAllServers();
    process.stderr.write(`bench: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
