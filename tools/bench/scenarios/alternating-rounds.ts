/**
 * The timing loop every load scenario shares: a warm-up per server, then
 * rounds that alternate servers (ours, the peer, ours, ...) so that noise
 * from a shared machine lands on all of them alike, each round starting
 * one server later. Each timed run samples the server's peak RSS and its
 * CPU time per request (cpu-clock.ts), the figure to trust when the
 * machine is busy.
 */
import { type LoadRun, type LoadTool, runLoad } from "../load-tools/load-tool.ts";
import type { Measurement } from "../measurement.ts";
import { childrenCpuMs, type ServerProcess, samplePeak } from "../server-process.ts";
import type { BenchContext } from "./scenario.ts";

/** One timed run of `tool` against `server`, with its RSS and CPU cost. */
export async function timedLoad(
  context: BenchContext,
  tool: LoadTool,
  server: ServerProcess,
  run: LoadRun,
) {
  const sampler = samplePeak(() => server.rss());
  const cpuBefore = server.cpuMs();
  // The tool is this process's child: its CPU time lands here once reaped.
  const clientBefore = childrenCpuMs(process.pid);
  try {
    const result = await runLoad(tool, run, context.pin.load);
    const cpuAfter = server.cpuMs();
    const clientAfter = childrenCpuMs(process.pid);
    const perRequest = (before?: number, after?: number) =>
      before === undefined || after === undefined || result.total === 0
        ? undefined
        : ((after - before) * 1000) / result.total;
    return {
      result,
      peakRssBytes: sampler.stop(),
      serverCpuUsPerRequest: perRequest(cpuBefore, cpuAfter),
      clientCpuUsPerRequest: perRequest(clientBefore, clientAfter),
    };
  } finally {
    sampler.stop();
  }
}

/**
 * The servers in the order round `round` (from 1) runs them: each round
 * starts one server later than the last (ours, chapter 03, node:http,
 * bare; then chapter 03, node:http, bare, ours; ...). In a fixed order one
 * server always ran first after the warm-ups and right after the bare
 * loop's heaviest load, and the next always ran second: a position a
 * shared machine can favour or penalise every round alike.
 */
export function roundOrder<T>(servers: readonly T[], round: number): T[] {
  const start = (round - 1) % Math.max(servers.length, 1);
  return [...servers.slice(start), ...servers.slice(0, start)];
}

/**
 * Warm-up, then `context.options.rounds` alternating rounds of `tool`
 * against every server; `runFor` says what to load for a given duration.
 * A server that fails a round is reported as skipped, not as a zero.
 */
export async function alternatingRounds(
  context: BenchContext,
  scenario: string,
  tool: LoadTool,
  servers: readonly ServerProcess[],
  runFor: (server: ServerProcess, durationSec: number) => LoadRun,
): Promise<Measurement[]> {
  const { rounds, warmupSec, durationSec } = context.options;
  const out: Measurement[] = [];
  if (warmupSec > 0) {
    for (const s of servers)
      await timedLoad(context, tool, s, runFor(s, warmupSec)).catch(() => {});
  }
  for (let round = 1; round <= rounds; round++) {
    for (const s of roundOrder(servers, round)) {
      try {
        const r = await timedLoad(context, tool, s, runFor(s, durationSec));
        out.push({ kind: "load", scenario, server: s.name, tool: tool.name, round, ...r });
        context.log(
          `${scenario} ${tool.name} round ${round}/${rounds} ${s.name}: ` +
            `${Math.round(r.result.requestsPerSec)} req/s`,
        );
      } catch (err) {
        out.push({ kind: "skipped", scenario, server: s.name, reason: String(err) });
      }
    }
  }
  return out;
}
