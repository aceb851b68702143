/**
 * wrk: a C load generator, lighter on its own CPU than autocannon, so it
 * can push a fast server harder. Pipelining needs a Lua script
 * (wrk-pipeline.lua) that sends `depth` requests per write.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { LoadResult } from "../measurement.ts";
import { which } from "../pinning.ts";
import type { LoadRun, LoadTool } from "./load-tool.ts";

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), "wrk-pipeline.lua");

const UNIT_MS: Readonly<Record<string, number>> = { us: 1e-3, ms: 1, s: 1_000, m: 60_000 };

/** "147.00us" → 0.147 (milliseconds). */
export function wrkDurationMs(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!m) throw new Error(`unreadable wrk duration ${JSON.stringify(text)}`);
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

function percentile(stdout: string, p: string): number | undefined {
  const m = new RegExp(`^\\s*${p}%\\s+(\\S+)`, "m").exec(stdout);
  return m ? wrkDurationMs(m[1]!) : undefined;
}

/**
 * The 99th percentile, unless it reads below the median. wrk 4.1 prints
 * `99%  0.00us` on every run of our pipelining script (its mean and max
 * say tens of milliseconds): a percentile below a lower one is wrk
 * failing to compute it, not a measurement, so the table shows a dash.
 */
function p99(stdout: string, p50: number | undefined): number | undefined {
  const value = percentile(stdout, "99");
  return value !== undefined && p50 !== undefined && value < p50 ? undefined : value;
}

/** Parse wrk's text report (run with --latency for the percentiles). */
export function parseWrk(stdout: string): LoadResult {
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(stdout);
  const total = /^\s*(\d+) requests in/m.exec(stdout);
  if (!rps || !total) throw new Error("not a wrk report");
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  const errors = sock ? sock.slice(1).reduce((n, x) => n + Number(x), 0) : 0;
  const mean = /^\s*Latency\s+(\S+)/m.exec(stdout);
  const p50 = percentile(stdout, "50");
  return {
    requestsPerSec: Number(rps[1]),
    latencyP50Ms: p50,
    latencyP99Ms: p99(stdout, p50),
    latencyMeanMs: mean ? wrkDurationMs(mean[1]!) : undefined,
    total: Number(total[1]),
    errors,
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0),
  };
}

export const wrk: LoadTool = {
  name: "wrk",
  pipelines: true,
  available: () => which("wrk") !== undefined,
  command: (run: LoadRun) => [
    "wrk",
    "--threads",
    "1",
    "--connections",
    String(run.connections),
    "--duration",
    `${run.durationSec}s`,
    "--latency",
    ...Object.entries(run.headers ?? {}).flatMap(([k, v]) => ["--header", `${k}: ${v}`]),
    ...(run.pipelining > 1 ? ["--script", SCRIPT] : []),
    run.url,
    ...(run.pipelining > 1 ? ["--", String(run.pipelining)] : []),
  ],
  parse: parseWrk,
};
