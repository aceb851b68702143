/**
 * autocannon: the load generator every machine with `npm install` has.
 * Run through its bin (a child process, so it can be pinned to its own CPU)
 * with `--json`, and read from that JSON.
 */
import { createRequire } from "node:module";
import type { LoadResult } from "../measurement.ts";
import type { LoadRun, LoadTool } from "./load-tool.ts";

const require = createRequire(import.meta.url);

/** The part of autocannon's `--json` report we read. */
interface AutocannonJson {
  readonly duration: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly latency: { readonly p50: number; readonly p99: number; readonly mean: number };
  readonly requests: { readonly total: number };
}

function isReport(x: unknown): x is AutocannonJson {
  const r = x as Partial<AutocannonJson> | null;
  return (
    typeof r?.duration === "number" &&
    typeof r.latency?.p50 === "number" &&
    typeof r.requests?.total === "number"
  );
}

/**
 * Requests per second as total / duration rather than autocannon's mean of
 * one-second samples: in a 1 s `--quick` run there is a single sample.
 * autocannon's latencies are whole milliseconds (its histogram's unit).
 */
export function parseAutocannon(stdout: string): LoadResult {
  const json: unknown = JSON.parse(stdout.slice(stdout.indexOf("{")));
  if (!isReport(json)) throw new Error("not an autocannon --json report");
  return {
    requestsPerSec: json.duration > 0 ? json.requests.total / json.duration : 0,
    latencyP50Ms: json.latency.p50,
    latencyP99Ms: json.latency.p99,
    latencyMeanMs: json.latency.mean,
    total: json.requests.total,
    errors: json.errors + json.timeouts,
    non2xx: json.non2xx,
  };
}

export const autocannon: LoadTool = {
  name: "autocannon",
  pipelines: true,
  available: () => true,
  command: (run: LoadRun) => [
    process.execPath,
    require.resolve("autocannon/autocannon.js"),
    "--json",
    "--connections",
    String(run.connections),
    "--pipelining",
    String(run.pipelining),
    "--duration",
    String(run.durationSec),
    ...Object.entries(run.headers ?? {}).flatMap(([k, v]) => ["--headers", `${k}=${v}`]),
    run.url,
  ],
  parse: parseAutocannon,
};
