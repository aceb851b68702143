/**
 * HTTP/1.1 load: keep-alive and pipelining, ours vs node:http vs bare net.
 *
 * Each server runs as its own pinned process; after a probe proves it
 * answers GET /hello correctly, every selected tool runs a warm-up per
 * server, then rounds alternate servers (ours, node:http, bare, ours, ...,
 * each round starting one server later) so that noise from a shared
 * machine lands on all of them alike.
 */
import type { LoadTool } from "../load-tools/load-tool.ts";
import type { Measurement } from "../measurement.ts";
import type { ServerName } from "../options.ts";
import { probeHello } from "../probe.ts";
import type { ServerProcess, ServerSpec } from "../server-process.ts";
import { helloServers } from "../servers.ts";

/** The row the later chapters' cost is judged against. */
const CORE_SERVER: ServerName = "ours (chapter 03)";
import { alternatingRounds } from "./alternating-rounds.ts";
import type { BenchContext, Scenario } from "./scenario.ts";
import { startServers } from "./start-servers.ts";

/** A load scenario as data: adding one is a few lines. */
export interface LoadScenarioSpec {
  readonly name: string;
  readonly description: string;
  readonly path: string;
  /** What every server must answer, checked before timing. */
  readonly body: string;
  /** Requests in flight per connection, from the options. */
  readonly pipelining: (context: BenchContext) => number;
  readonly minRatio?: number;
  /** ours / ours as of chapter 03 alone: what the later chapters may cost. */
  readonly minRatioToCore?: number;
  /** The servers, by name; default: the /hello servers. */
  readonly servers?: (context: BenchContext) => Readonly<Record<ServerName, ServerSpec>>;
}

/** Every round of one tool against the servers. */
function runTool(
  context: BenchContext,
  tool: LoadTool,
  servers: readonly ServerProcess[],
  spec: LoadScenarioSpec,
): Promise<Measurement[]> {
  return alternatingRounds(context, spec.name, tool, servers, (server, durationSec) => ({
    url: server.url(spec.path),
    connections: context.options.connections,
    pipelining: spec.pipelining(context),
    durationSec,
  }));
}

/** Turn a LoadScenarioSpec into a runnable Scenario. */
export function loadScenario(spec: LoadScenarioSpec): Scenario {
  return {
    name: spec.name,
    description: spec.description,
    targets: [
      ...(spec.minRatio === undefined ? [] : [{ scenario: spec.name, minRatio: spec.minRatio }]),
      ...(spec.minRatioToCore === undefined
        ? []
        : [{ scenario: spec.name, minRatio: spec.minRatioToCore, against: CORE_SERVER }]),
    ],
    async run(context) {
      const all = (spec.servers ?? ((c) => helloServers(c.ours)))(context);
      const specs = context.options.servers.map((n) => all[n]);
      const check = (s: ServerProcess) => probeHello(s.port, spec.path, spec.body);
      const started = await startServers(context, spec.name, specs, check);
      const out: Measurement[] = [...started.skipped];
      try {
        for (const tool of context.tools) {
          if (spec.pipelining(context) > 1 && !tool.pipelines) continue;
          out.push(...(await runTool(context, tool, started.servers, spec)));
        }
      } finally {
        await Promise.all(started.servers.map((s) => s.stop()));
      }
      return out;
    },
  };
}

export const keepAlive = loadScenario({
  name: "keepalive",
  description: "GET /hello over 100 keep-alive connections, one request in flight each",
  path: "/hello",
  body: "hello world",
  pipelining: () => 1,
  minRatio: 1.6,
  minRatioToCore: 0.9,
});

export const pipeline = loadScenario({
  name: "pipeline",
  description: "GET /hello pipelined 10 deep on each keep-alive connection",
  path: "/hello",
  body: "hello world",
  pipelining: (c) => c.options.pipelining,
  minRatio: 5,
  minRatioToCore: 0.9,
});
