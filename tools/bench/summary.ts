/**
 * From raw rounds to the numbers a reader compares.
 *
 * Load runs alternate servers round by round (A/B/A/B), so slow drift on a
 * shared machine hits every server alike; the summary takes the median of
 * the rounds, which one noisy round cannot move. Ratios compare each server
 * with the baseline peer (node:http) on the same scenario and tool, round
 * by round: the two runs of one round are seconds apart and share the
 * machine's mood, so the median of the per-round ratios is steadier than
 * the ratio of two medians taken from different rounds.
 */
import { type LoadMeasurement, type Measurement, median } from "./measurement.ts";

/** The peer every ratio is taken against. */
export const BASELINE_SERVER = "node:http";
/** The same peer over TLS (tools/bench/peers/node-https-server.ts). */
export const TLS_BASELINE_SERVER = "node:https";
/** The HTTP/2 peer (tools/bench/peers/node-http2-server.ts), h2c and TLS. */
export const H2_BASELINE_SERVER = "node:http2";

/** The Node peer a scenario's ratios are taken against, for labels. */
export function baselineFor(scenario: string): string {
  if (scenario.startsWith("tls-")) return TLS_BASELINE_SERVER;
  if (scenario.startsWith("h2")) return H2_BASELINE_SERVER;
  return BASELINE_SERVER;
}
const isBaseline = (server: string): boolean =>
  server === BASELINE_SERVER || server === TLS_BASELINE_SERVER || server === H2_BASELINE_SERVER;

/** The median of one server's rounds on one scenario and tool. */
export interface LoadSummary {
  readonly scenario: string;
  readonly server: string;
  readonly tool: string;
  readonly rounds: number;
  readonly requestsPerSec: number;
  readonly latencyP50Ms: number | undefined;
  readonly latencyP99Ms: number | undefined;
  readonly latencyMeanMs: number | undefined;
  readonly peakRssBytes: number | undefined;
  readonly serverCpuUsPerRequest: number | undefined;
  /** The load tool's CPU per request (measurement.ts), median of rounds. */
  readonly clientCpuUsPerRequest?: number | undefined;
  readonly errors: number;
  readonly non2xx: number;
  /** requestsPerSec / the baseline's; undefined without a baseline run. */
  readonly ratio: number | undefined;
  /** Baseline's CPU per request / this one's: > 1 means cheaper than it. */
  readonly cpuRatio: number | undefined;
}

const defined = (xs: readonly (number | undefined)[]): number[] =>
  xs.filter((x): x is number => x !== undefined);

type Partial1 = Omit<LoadSummary, "ratio" | "cpuRatio">;

function summarizeGroup(runs: readonly LoadMeasurement[]): Partial1 {
  const first = runs[0]!;
  const pick = (f: (m: LoadMeasurement) => number | undefined): number | undefined =>
    median(defined(runs.map(f)));
  const rss = defined(runs.map((m) => m.peakRssBytes));
  return {
    scenario: first.scenario,
    server: first.server,
    tool: first.tool,
    rounds: runs.length,
    requestsPerSec: pick((m) => m.result.requestsPerSec) ?? 0,
    latencyP50Ms: pick((m) => m.result.latencyP50Ms),
    latencyP99Ms: pick((m) => m.result.latencyP99Ms),
    latencyMeanMs: pick((m) => m.result.latencyMeanMs),
    peakRssBytes: rss.length > 0 ? Math.max(...rss) : undefined,
    serverCpuUsPerRequest: pick((m) => m.serverCpuUsPerRequest),
    clientCpuUsPerRequest: pick((m) => m.clientCpuUsPerRequest),
    errors: runs.reduce((n, m) => n + m.result.errors, 0),
    non2xx: runs.reduce((n, m) => n + m.result.non2xx, 0),
  };
}

/** Group load runs by scenario, tool and server, in first-seen order. */
export function summarizeLoad(measurements: readonly Measurement[]): LoadSummary[] {
  const groups = new Map<string, LoadMeasurement[]>();
  for (const m of measurements) {
    if (m.kind !== "load") continue;
    const key = `${m.scenario}\u0000${m.tool}\u0000${m.server}`;
    const list = groups.get(key) ?? [];
    list.push(m);
    groups.set(key, list);
  }
  const runs = [...groups.values()];
  return runs.map((group) => {
    const s = summarizeGroup(group);
    const base = runs.find((g) => {
      const b = g[0]!;
      return b.scenario === s.scenario && b.tool === s.tool && isBaseline(b.server);
    });
    if (base === undefined) return { ...s, ratio: undefined, cpuRatio: undefined };
    return {
      ...s,
      ratio: pairedRatio(group, base, (m) => m.result.requestsPerSec),
      cpuRatio: pairedRatio(base, group, (m) => m.serverCpuUsPerRequest),
    };
  });
}

/** The median over rounds run by both of f(a) / f(b) for the same round. */
function pairedRatio(
  a: readonly LoadMeasurement[],
  b: readonly LoadMeasurement[],
  f: (m: LoadMeasurement) => number | undefined,
): number | undefined {
  const ratios: number[] = [];
  for (const x of a) {
    const y = b.find((m) => m.round === x.round);
    const r = y === undefined ? undefined : divide(f(x), f(y));
    if (r !== undefined) ratios.push(r);
  }
  return median(ratios);
}

/** a / b, or undefined when either is missing or b is not positive. */
function divide(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined || b <= 0 ? undefined : a / b;
}

/**
 * A scenario's goal for ours / node:http, e.g. keep-alive ≥ 1.6×; or, with
 * `against`, for ours / another server of ours (the assembled server
 * ≥ 0.9× chapter 03 alone).
 */
export interface Target {
  readonly scenario: string;
  readonly minRatio: number;
  /** Compare with this server instead of node:http. */
  readonly against?: string;
}

/** How ours did against each target, per tool. */
export interface TargetVerdict {
  readonly scenario: string;
  readonly tool: string;
  readonly minRatio: number;
  readonly against?: string;
  readonly ratio: number | undefined;
  readonly cpuRatio: number | undefined;
  readonly met: boolean;
  /**
   * The bare node:net loop's ratio in the same run, when it was measured:
   * the most any node:net server could show with this tool on this
   * machine. Below the target, the miss says more about the setup.
   */
  readonly ceiling: number | undefined;
  /**
   * False when the load generator, not the servers, set the rate: the bare
   * node:net ceiling came within LOAD_BOUND_CEILING of node:http with this
   * tool, so no server could show a difference (autocannon, a Node client,
   * saturates its own CPU near 45k req/s on keep-alive). Such a run is
   * reported, but the target is neither met nor missed.
   */
  readonly judged: boolean;
  /**
   * Against another server of ours: the load tool's CPU per request on
   * each row (ours, then the other), when measured. Apart, the client
   * read a different response from each, and req/s compares the client's
   * work too; CPU per request compares only the servers'.
   */
  readonly clientCpuUs?: readonly [number, number] | undefined;
}

/**
 * The least bare node:net / node:http ratio at which a tool can still tell
 * servers apart. Below it the two extremes run at the same rate, so the
 * figure measures the client: bare node:net does no parsing at all, and on
 * this machine it is 1.8× node:http when the client keeps up (wrk, h2load).
 */
export const LOAD_BOUND_CEILING = 1.1;

/**
 * Judge "ours" against the targets; a missing run is a miss, not a pass.
 * `measurements`, the rounds behind the summaries, pair a target against
 * another server of ours round by round, as node:http ratios are paired.
 */
export function judgeTargets(
  summaries: readonly LoadSummary[],
  targets: readonly Target[],
  measurements: readonly Measurement[] = [],
  ours = "ours",
  ceilingServer = "bare node:net",
): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];
  for (const t of targets) {
    const rows = summaries.filter((s) => s.scenario === t.scenario && s.server === ours);
    for (const found of rows) {
      const row =
        t.against === undefined ? found : relativeTo(found, summaries, t.against, measurements);
      const met = row.ratio !== undefined && row.ratio >= t.minRatio;
      const bare = summaries.find(
        (s) => s.scenario === t.scenario && s.tool === row.tool && s.server === ceilingServer,
      )?.ratio;
      const ceiling = t.against === undefined ? bare : undefined;
      const judged = bare === undefined || bare >= LOAD_BOUND_CEILING;
      const { tool, ratio, cpuRatio } = row;
      const other = summaries.find(
        (s) => s.scenario === t.scenario && s.tool === tool && s.server === t.against,
      );
      const mine = found.clientCpuUsPerRequest;
      const theirs = other?.clientCpuUsPerRequest;
      const clientCpuUs =
        mine === undefined || theirs === undefined ? undefined : ([mine, theirs] as const);
      verdicts.push({ ...t, tool, ratio, cpuRatio, met, ceiling, judged, clientCpuUs });
    }
  }
  return verdicts;
}

/**
 * A row's ratios against another server of the same scenario and tool
 * instead of node:http. With the rounds at hand, the median of per-round
 * ratios, both rows of a round having run seconds apart, as for node:http:
 * req/s over req/s, and the other's CPU per request over this row's.
 * Without them (a summary alone), the quotient of both rows' node:http
 * ratios and of their median CPU per request: medians of different rounds,
 * which one slow round of either row moves.
 */
function relativeTo(
  row: LoadSummary,
  summaries: readonly LoadSummary[],
  server: string,
  measurements: readonly Measurement[],
): LoadSummary {
  const other = summaries.find(
    (s) => s.scenario === row.scenario && s.tool === row.tool && s.server === server,
  );
  const runsOf = (name: string): LoadMeasurement[] =>
    measurements.filter(
      (m): m is LoadMeasurement =>
        m.kind === "load" &&
        m.scenario === row.scenario &&
        m.tool === row.tool &&
        m.server === name,
    );
  const mine = runsOf(row.server);
  const theirs = runsOf(server);
  const paired = (f: (m: LoadMeasurement) => number | undefined, flip: boolean) =>
    flip ? pairedRatio(theirs, mine, f) : pairedRatio(mine, theirs, f);
  return {
    ...row,
    ratio:
      paired((m) => m.result.requestsPerSec, false) ??
      // Without a node:http row (one server, two ways), req/s against req/s.
      divide(row.ratio, other?.ratio) ??
      divide(row.requestsPerSec, other?.requestsPerSec),
    cpuRatio:
      paired((m) => m.serverCpuUsPerRequest, true) ??
      divide(other?.serverCpuUsPerRequest, row.serverCpuUsPerRequest),
  };
}
