/**
 * What a benchmark run produces: plain records, one per measurement.
 *
 * Scenarios return these; the summary and the tables are computed from
 * them afterwards, so the same numbers feed the printed table and `--json`.
 * Every record is a discriminated union member tagged by `kind`.
 */

/** What one load-generator run reports, whichever tool produced it. */
export interface LoadResult {
  readonly requestsPerSec: number;
  /** Median latency; undefined when the tool does not report it (h2load). */
  readonly latencyP50Ms: number | undefined;
  readonly latencyP99Ms: number | undefined;
  readonly latencyMeanMs: number | undefined;
  /** Completed responses during the run. */
  readonly total: number;
  /** Connection errors, timeouts and resets. */
  readonly errors: number;
  /** Responses outside 2xx: a server that answers 404 fast is not fast. */
  readonly non2xx: number;
}

/** One timed run of one load tool against one server. */
export interface LoadMeasurement {
  readonly kind: "load";
  readonly scenario: string;
  readonly server: string;
  readonly tool: string;
  readonly round: number;
  readonly result: LoadResult;
  /** Peak VmRSS of the server process sampled during the run. */
  readonly peakRssBytes: number | undefined;
  /**
   * Server CPU time (user + system) per completed request, in µs. Unlike
   * req/s it barely moves when other processes share the machine: the
   * fairest comparison of what each server spends on a request.
   */
  readonly serverCpuUsPerRequest?: number | undefined;
  /**
   * The load tool's CPU time per completed request, in µs. A longer
   * response costs the client more to read and parse (the assembled
   * server's security fields: about 2.7 µs a pipelined request for wrk,
   * against 2.0 for chapter 03's shorter one), and a client that runs out
   * of CPU sets the rate: then req/s ratios measure the client too.
   */
  readonly clientCpuUsPerRequest?: number | undefined;
}

/** Parser throughput on one request head, fed whole. */
export interface ParserMeasurement {
  readonly kind: "parser";
  readonly scenario: string;
  readonly subject: string;
  readonly headBytes: number;
  readonly bytesPerSec: number;
  readonly headsPerSec: number;
}

/** Time to parse a head fed one byte per chunk, small vs large. */
export interface LinearityMeasurement {
  readonly kind: "linearity";
  readonly scenario: string;
  readonly smallBytes: number;
  readonly largeBytes: number;
  readonly smallMs: number;
  readonly largeMs: number;
  /** largeMs / smallMs: about largeBytes / smallBytes when linear. */
  readonly ratio: number;
  /** The same ratio for bytes the parser examined, when it counts them. */
  readonly scannedRatio: number | undefined;
}

/** Server memory held by idle keep-alive connections. */
export interface MemoryMeasurement {
  readonly kind: "memory";
  readonly scenario: string;
  readonly server: string;
  /** Connections that got a response and were still open when measured. */
  readonly connections: number;
  /** Connections tried; fewer open means refused, timed out or closed idle. */
  readonly attempted: number;
  /** Time to open them all: a server's idle timeout shorter than this bites. */
  readonly openMs: number;
  readonly rssBeforeBytes: number;
  readonly rssAfterBytes: number;
  readonly bytesPerConnection: number;
}

/** A scenario or server that could not run, and why. */
export interface Skipped {
  readonly kind: "skipped";
  readonly scenario: string;
  readonly server?: string;
  readonly reason: string;
}

export type Measurement =
  | LoadMeasurement
  | ParserMeasurement
  | LinearityMeasurement
  | MemoryMeasurement
  | Skipped;

/** Median of a non-empty list; undefined for an empty one. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
