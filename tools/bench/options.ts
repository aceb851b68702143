/**
 * `npm run bench` flags, read and checked without side effects (so the
 * harness test can call it). Every limit is a named constant.
 */
import { parseArgs } from "node:util";

/** Long enough for a stable median on loopback, short enough to rerun. */
export const DEFAULT_DURATION_SEC = 5;
/** No run may hold the machine longer: other engineers share its cores. */
export const MAX_DURATION_SEC = 10;
/** `--quick`: a smoke check that the harness and servers work, not a figure. */
export const QUICK_DURATION_SEC = 1;
/**
 * Unmeasured load per server before the rounds. One second was enough for
 * keep-alive (tens of thousands of requests), not for new TLS connections:
 * both servers were still compiling two thousand connections in, a
 * second's worth at most, so round 1 measured V8 warming up rather than
 * the steady state a deployed server lives in (notes/09-tls.md, "Warming
 * up"). Three seconds is about three thousand handshakes on a quiet
 * machine; every scenario and server gets the same.
 */
export const DEFAULT_WARMUP_SEC = 3;
/** Rounds per server, alternated A/B/A/B so drift hits every server alike. */
export const DEFAULT_ROUNDS = 3;
export const MAX_ROUNDS = 10;
/** Concurrent keep-alive connections: enough to keep one core busy. */
export const DEFAULT_CONNECTIONS = 100;
/** Requests in flight per connection in the pipelining scenario. */
export const DEFAULT_PIPELINING = 10;
/** Idle keep-alive connections for the memory scenario. */
export const DEFAULT_IDLE_CONNECTIONS = 10_000;
export const QUICK_IDLE_CONNECTIONS = 1_000;
export const SERVER_NAMES = ["ours", "ours (chapter 03)", "node:http", "bare node:net"] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

export const TOOL_NAMES = ["autocannon", "wrk", "h2load"] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export interface BenchOptions {
  readonly durationSec: number;
  readonly rounds: number;
  /** Unmeasured run per server before the rounds, to warm the JIT. */
  readonly warmupSec: number;
  readonly connections: number;
  readonly pipelining: number;
  readonly idleConnections: number;
  /** Scenario names to run; empty means all. */
  readonly only: readonly string[];
  readonly servers: readonly ServerName[];
  /** Load tools to use; each also needs to be installed. */
  readonly tools: readonly ToolName[];
  readonly json: boolean;
  readonly markdown: boolean;
  readonly quick: boolean;
  /** Pin server and load generator to different CPUs with taskset. */
  readonly pin: boolean;
  /** Ours as of this chapter; undefined: every chapter, as shipped. */
  readonly chapter: number | undefined;
  /** Command line for our server, `{port}` replaced; default: the CLI. */
  readonly oursCommand: string | undefined;
  /** Print tables from a saved `--json` report instead of running. */
  readonly render: string | undefined;
  readonly help: boolean;
}

export const USAGE = `Usage: npm run bench -- [options]

  --duration <s>        seconds per run (default ${DEFAULT_DURATION_SEC}, max ${MAX_DURATION_SEC})
  --rounds <n>          alternating rounds per server (default ${DEFAULT_ROUNDS})
  --warmup <s>          unmeasured load per server first (default ${DEFAULT_WARMUP_SEC})
  --quick               ${QUICK_DURATION_SEC} s runs, 1 round, no warm-up,
                        ${QUICK_IDLE_CONNECTIONS} idle connections
  --only <a,b>          scenarios: keepalive, pipeline, parser, memory,
                        static-4k, static-1m, book-page, compress-gzip,
                        compress-br, tls-keepalive, tls-handshakes,
                        h2c, h2-tls
  --servers <a,b>       ours, "ours (chapter 03)", node:http, bare node:net
                        (default all)
  --tools <a,b>         autocannon, wrk, h2load (default: those installed)
  --connections <n>     keep-alive connections (default ${DEFAULT_CONNECTIONS})
  --pipelining <n>      pipeline depth (default ${DEFAULT_PIPELINING})
  --idle-connections <n> idle connections for memory (default ${DEFAULT_IDLE_CONNECTIONS})
  --chapter <n>         our server as of chapter n (default: every chapter,
                        as npm start runs it)
  --ours "<command>"    our server's command line; {port} is replaced
                        (env HANDSHAKE_BENCH_OURS)
  --no-pin              do not pin processes to CPUs with taskset
  --json                machine-readable output on stdout
  --render <file.json>  print the tables of a saved --json report
  --markdown            tables as Markdown (for the README)`;

export type ParsedOptions =
  | { readonly ok: true; readonly options: BenchOptions }
  | { readonly ok: false; readonly error: string };

/** A whole number in [min, max], or a RangeError naming the flag. */
function intIn(text: string | undefined, name: string, min: number, max: number): number {
  const n = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || n < min || n > max) {
    throw new RangeError(`--${name} must be a whole number from ${min} to ${max}, got ${text}`);
  }
  return n;
}

/** Seconds in [min, max]; fractions allowed ("0.5"). */
function secondsIn(text: string, name: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || n < min || n > max) {
    throw new RangeError(`--${name} must be seconds from ${min} to ${max}, got ${text}`);
  }
  return n;
}

function listOf<T extends string>(text: string, allowed: readonly T[], name: string): T[] {
  const items = text.split(",").map((s) => s.trim());
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) {
      throw new RangeError(`--${name}: unknown ${JSON.stringify(item)}; use ${allowed.join(", ")}`);
    }
  }
  return items as T[];
}

const FLAGS = {
  duration: { type: "string" },
  rounds: { type: "string" },
  warmup: { type: "string" },
  quick: { type: "boolean" },
  only: { type: "string" },
  servers: { type: "string" },
  tools: { type: "string" },
  connections: { type: "string" },
  pipelining: { type: "string" },
  "idle-connections": { type: "string" },
  chapter: { type: "string" },
  ours: { type: "string" },
  "no-pin": { type: "boolean" },
  json: { type: "boolean" },
  markdown: { type: "boolean" },
  render: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** Read flags (and HANDSHAKE_BENCH_OURS); never throws. */
export function parseOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = {},
  scenarioNames: readonly string[] = [],
): ParsedOptions {
  try {
    const { values: v } = parseArgs({ args: [...argv], options: FLAGS, strict: true });
    const quick = v.quick ?? false;
    const only = v.only === undefined ? [] : listOf(v.only, scenarioNames, "only");
    return {
      ok: true,
      options: {
        durationSec: v.duration
          ? secondsIn(v.duration, "duration", 0.5, MAX_DURATION_SEC)
          : quick
            ? QUICK_DURATION_SEC
            : DEFAULT_DURATION_SEC,
        rounds: v.rounds ? intIn(v.rounds, "rounds", 1, MAX_ROUNDS) : quick ? 1 : DEFAULT_ROUNDS,
        warmupSec: v.warmup
          ? secondsIn(v.warmup, "warmup", 0, MAX_DURATION_SEC)
          : quick
            ? 0
            : DEFAULT_WARMUP_SEC,
        connections: v.connections
          ? intIn(v.connections, "connections", 1, 10_000)
          : DEFAULT_CONNECTIONS,
        pipelining: v.pipelining ? intIn(v.pipelining, "pipelining", 2, 256) : DEFAULT_PIPELINING,
        idleConnections: v["idle-connections"]
          ? intIn(v["idle-connections"], "idle-connections", 1, 60_000)
          : quick
            ? QUICK_IDLE_CONNECTIONS
            : DEFAULT_IDLE_CONNECTIONS,
        only,
        servers: v.servers ? listOf(v.servers, SERVER_NAMES, "servers") : [...SERVER_NAMES],
        tools: v.tools ? listOf(v.tools, TOOL_NAMES, "tools") : [...TOOL_NAMES],
        json: v.json ?? false,
        markdown: v.markdown ?? false,
        quick,
        pin: !(v["no-pin"] ?? false),
        chapter: v.chapter ? intIn(v.chapter, "chapter", 1, 99) : undefined,
        oursCommand: v.ours ?? env.HANDSHAKE_BENCH_OURS,
        render: v.render,
        help: v.help ?? false,
      },
    };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
