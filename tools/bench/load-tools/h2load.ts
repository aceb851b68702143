/**
 * h2load (nghttp2): with `--h1` it speaks HTTP/1.1, and `-m` is then the
 * pipelining depth. It reports mean and spread of request time but no
 * percentiles, so p50 and p99 are left empty. Later chapters reuse it for
 * HTTP/2 against node:http2.
 */
import type { LoadResult } from "../measurement.ts";
import { which } from "../pinning.ts";
import type { LoadRun, LoadTool } from "./load-tool.ts";
import { wrkDurationMs } from "./wrk.ts";

/** Parse h2load's text report. */
export function parseH2load(stdout: string): LoadResult {
  const rps = /finished in [\d.]+\w+, ([\d.]+) req\/s/.exec(stdout);
  const req = new RegExp(
    "requests: (\\d+) total, \\d+ started, (\\d+) done, (\\d+) succeeded, " +
      "(\\d+) failed, (\\d+) errored, (\\d+) timeout",
  ).exec(stdout);
  if (!rps || !req) throw new Error("not an h2load report");
  const codes = /status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx/.exec(stdout);
  const time = /time for request:\s+(\S+)\s+(\S+)\s+(\S+)/.exec(stdout);
  return {
    requestsPerSec: Number(rps[1]),
    latencyP50Ms: undefined,
    latencyP99Ms: undefined,
    latencyMeanMs: time ? wrkDurationMs(time[3]!) : undefined,
    total: Number(req[3]),
    errors: Number(req[5]) + Number(req[6]),
    non2xx: codes ? Number(codes[2]) + Number(codes[3]) + Number(codes[4]) : 0,
  };
}

export const h2load: LoadTool = {
  name: "h2load",
  pipelines: true,
  available: () => which("h2load") !== undefined,
  command: (run: LoadRun) => [
    "h2load",
    "--h1",
    "--clients",
    String(run.connections),
    "--max-concurrent-streams",
    String(run.pipelining),
    "--duration",
    String(run.durationSec),
    "--warm-up-time",
    "0",
    run.url,
  ],
  parse: parseH2load,
};
