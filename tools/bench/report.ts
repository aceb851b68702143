/**
 * The report: raw measurements summarized, as tables or as JSON.
 *
 * `buildReport` is pure, so the harness test can check the rows without
 * running a server; `renderReport` turns it into text (or Markdown for
 * the README).
 */
import {
  type Align,
  formatBytes,
  formatCount,
  formatMarkdownTable,
  formatMBps,
  formatMs,
  formatRatio,
  formatTable,
  type Table,
} from "./format-table.ts";
import type {
  LinearityMeasurement,
  Measurement,
  MemoryMeasurement,
  ParserMeasurement,
  Skipped,
} from "./measurement.ts";
import {
  baselineFor,
  judgeTargets,
  LOAD_BOUND_CEILING,
  type LoadSummary,
  summarizeLoad,
  type Target,
  type TargetVerdict,
} from "./summary.ts";

/** What the numbers were measured on; printed above the tables. */
export interface Environment {
  readonly date: string;
  readonly node: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly pinning: string;
  readonly ours: string;
  readonly tools: readonly string[];
  readonly durationSec: number;
  readonly rounds: number;
  readonly connections: number;
  readonly pipelining: number;
  /** 1-minute load average before and after: others share the machine. */
  readonly loadAverage: readonly [before: number, after: number];
}

export interface BenchReport {
  readonly environment: Environment;
  readonly load: readonly LoadSummary[];
  readonly targets: readonly TargetVerdict[];
  readonly parser: readonly ParserMeasurement[];
  readonly linearity: readonly LinearityMeasurement[];
  readonly memory: readonly MemoryMeasurement[];
  readonly skipped: readonly Skipped[];
  readonly measurements: readonly Measurement[];
}

const only = <K extends Measurement["kind"]>(ms: readonly Measurement[], kind: K) =>
  ms.filter((m): m is Extract<Measurement, { kind: K }> => m.kind === kind);

export function buildReport(
  environment: Environment,
  measurements: readonly Measurement[],
  targets: readonly Target[],
): BenchReport {
  const load = summarizeLoad(measurements);
  return {
    environment,
    load,
    targets: judgeTargets(load, targets, measurements),
    parser: only(measurements, "parser"),
    linearity: only(measurements, "linearity"),
    memory: only(measurements, "memory"),
    skipped: only(measurements, "skipped"),
    measurements,
  };
}

const R: Align = "right";
const L: Align = "left";

/** Microseconds of CPU, e.g. "41 µs"; "—" when unknown. */
function formatUs(us: number | undefined): string {
  return us === undefined || !Number.isFinite(us) ? "—" : `${us.toFixed(us < 10 ? 1 : 0)} µs`;
}

export function loadTable(rows: readonly LoadSummary[]): Table {
  return {
    headers: [
      "scenario",
      "tool",
      "server",
      "req/s",
      "p50",
      "p99",
      "server RSS",
      "CPU/req",
      "× node peer",
      "× by CPU",
    ],
    align: [L, L, L, R, R, R, R, R, R, R],
    rows: rows.map((s) => [
      s.scenario,
      s.tool,
      s.server,
      formatCount(s.requestsPerSec),
      formatMs(s.latencyP50Ms),
      formatMs(s.latencyP99Ms),
      formatBytes(s.peakRssBytes),
      formatUs(s.serverCpuUsPerRequest),
      formatRatio(s.ratio),
      formatRatio(s.cpuRatio),
    ]),
  };
}

export function parserTable(rows: readonly ParserMeasurement[]): Table {
  return {
    headers: ["parser input", "bytes", "MB/s (CPU)", "heads/s"],
    align: [L, R, R, R],
    rows: rows.map((p) => [
      p.subject,
      String(p.headBytes),
      formatMBps(p.bytesPerSec),
      formatCount(p.headsPerSec),
    ]),
  };
}

export function memoryTable(rows: readonly MemoryMeasurement[]): Table {
  return {
    headers: ["server", "idle open/tried", "opened in", "RSS before", "RSS after", "per conn"],
    align: [L, R, R, R, R, R],
    rows: rows.map((m) => [
      m.server,
      `${formatCount(m.connections)}/${formatCount(m.attempted)}`,
      `${(m.openMs / 1000).toFixed(1)} s`,
      formatBytes(m.rssBeforeBytes),
      formatBytes(m.rssAfterBytes),
      memoryValid(m) ? formatBytes(m.bytesPerConnection) : "—",
    ]),
  };
}

/** Share of tried connections that must still be open for a fair figure. */
export const MEMORY_VALID_SHARE = 0.95;

/**
 * A per-connection figure needs the connections to still be there: a
 * server whose idle timeout is shorter than the time it took to open them
 * has freed some, and its RSS no longer says what one costs.
 */
export function memoryValid(m: MemoryMeasurement): boolean {
  return m.connections >= m.attempted * MEMORY_VALID_SHARE;
}

export function memoryWarning(m: MemoryMeasurement): string {
  const closed = m.attempted - m.connections;
  return (
    `warning: memory ${m.server}: ${formatCount(closed)} of ${formatCount(m.attempted)} ` +
    `idle connections were gone after ${(m.openMs / 1000).toFixed(1)} s of opening ` +
    "(idle timeout shorter than that, or refused): per-connection figure withheld"
  );
}

/**
 * "4.0 KiB → 8.0 KiB fed one byte per chunk: 1.20 ms → 2.41 ms, ratio
 * 2.01 (linear ≈ 2): linear". The scanned-bytes ratio, when the parser
 * reports it, is a count and so decides; the time ratio is the fallback.
 */
export function linearityLine(l: LinearityMeasurement): string {
  const expected = l.largeBytes / l.smallBytes;
  const decisive = l.scannedRatio ?? l.ratio;
  const verdict = decisive <= expected * 1.3 ? "linear" : "SUPERLINEAR: rescans?";
  const scanned =
    l.scannedRatio === undefined ? "" : `, bytes scanned ratio ${l.scannedRatio.toFixed(2)}`;
  return (
    `${formatBytes(l.smallBytes)} → ${formatBytes(l.largeBytes)} fed one byte per chunk: ` +
    `${formatMs(l.smallMs)} → ${formatMs(l.largeMs)} CPU, ratio ${l.ratio.toFixed(2)}` +
    `${scanned} (linear ≈ ${expected}): ${verdict}`
  );
}

/** Errors and non-2xx answers make a req/s figure suspect: say so. */
export function faultLine(s: LoadSummary): string {
  return (
    `warning: ${s.scenario} ${s.tool} ${s.server}: ${s.errors} socket errors/timeouts, ` +
    `${s.non2xx} non-2xx responses over ${s.rounds} round(s)`
  );
}

export function targetLine(t: TargetVerdict): string {
  const capped =
    !t.met && t.judged && t.ceiling !== undefined && t.ceiling < t.minRatio
      ? ` (the bare node:net ceiling itself reached only ${formatRatio(t.ceiling)} with ${t.tool} here)`
      : "";
  const verdict = !t.judged
    ? `target ≥ ${t.minRatio}× not judged: ${t.tool} is load generator bound here ` +
      `(bare node:net and node:http ran within ${Math.round((LOAD_BOUND_CEILING - 1) * 100)}% ` +
      "of each other, so the client set the rate)"
    : `target ≥ ${t.minRatio}× ${t.met ? "met" : "NOT met"}`;
  const client =
    t.clientCpuUs === undefined
      ? ""
      : ` (${t.tool} spent ${formatUs(t.clientCpuUs[0])} per request on ours, ` +
        `${formatUs(t.clientCpuUs[1])} on ${t.against})`;
  return (
    `${t.scenario} (${t.tool}): ours ${formatRatio(t.ratio)} ${t.against ?? baselineFor(t.scenario)} in req/s, ` +
    `${verdict}; ${formatRatio(t.cpuRatio)} by server CPU per request${capped}${client}`
  );
}

/** Warn when other work competed for the CPUs: the figures are noisy. */
export function loadLine(e: Environment): string {
  const [before, after] = e.loadAverage.map((l) => l.toFixed(1));
  const busy = Math.max(...e.loadAverage) > e.cpus * 0.5;
  const warning = busy ? ": BUSY MACHINE, figures are noisy; compare ratios, not req/s" : "";
  return `load average ${before} before, ${after} after on ${e.cpus} CPUs${warning}`;
}

function environmentLines(e: Environment): string[] {
  return [
    `${e.date}  node ${e.node}  ${e.cpus} × ${e.cpuModel}`,
    `pinning: ${e.pinning}`,
    `ours: ${e.ours}`,
    `load: ${e.tools.join(", ") || "no tool"}; ${e.durationSec} s runs, ${e.rounds} ` +
      `alternating round(s), ${e.connections} connections, pipelining ${e.pipelining}; ` +
      "medians shown; ratios are medians of per-round ratios",
    loadLine(e),
  ];
}

/** The whole report as text; Markdown tables when `markdown` is set. */
export function renderReport(report: BenchReport, markdown = false): string {
  const table = markdown ? formatMarkdownTable : formatTable;
  const lines = (xs: readonly string[]): string =>
    xs.map((x) => (markdown ? `- ${x}` : x)).join("\n");
  const parts: string[] = [lines(environmentLines(report.environment))];
  if (report.load.length > 0) parts.push(table(loadTable(report.load)));
  const faults = report.load.filter((s) => s.errors > 0 || s.non2xx > 0).map(faultLine);
  if (faults.length > 0) parts.push(lines(faults));
  if (report.targets.length > 0) parts.push(lines(report.targets.map(targetLine)));
  if (report.parser.length > 0) parts.push(table(parserTable(report.parser)));
  if (report.linearity.length > 0) parts.push(lines(report.linearity.map(linearityLine)));
  if (report.memory.length > 0) parts.push(table(memoryTable(report.memory)));
  const short = report.memory.filter((m) => !memoryValid(m)).map(memoryWarning);
  if (short.length > 0) parts.push(lines(short));
  if (report.skipped.length > 0) {
    const line = (s: Skipped) =>
      `skipped: ${s.scenario}${s.server ? ` / ${s.server}` : ""}: ${s.reason.split("\n")[0]}`;
    parts.push(lines(report.skipped.map(line)));
  }
  return `${parts.join("\n\n")}\n`;
}
