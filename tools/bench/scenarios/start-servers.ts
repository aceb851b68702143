/**
 * Start the servers a scenario compares, and keep only those that answer
 * correctly. A server that fails to start or answers wrongly becomes a
 * "skipped" record with the reason, and the others still run: the
 * node:http vs bare net comparison is worth having while ours is broken.
 */
import type { Skipped } from "../measurement.ts";
import type { ProbeResult } from "../probe.ts";
import { ServerProcess, type ServerSpec } from "../server-process.ts";
import type { BenchContext } from "./scenario.ts";

export interface StartedServers {
  readonly servers: readonly ServerProcess[];
  readonly skipped: readonly Skipped[];
}

export async function startServers(
  context: BenchContext,
  scenario: string,
  specs: readonly ServerSpec[],
  check: (server: ServerProcess) => Promise<ProbeResult>,
): Promise<StartedServers> {
  const servers: ServerProcess[] = [];
  const skipped: Skipped[] = [];
  for (const spec of specs) {
    try {
      const server = await ServerProcess.start(spec, context.pin.server);
      const probe = await check(server);
      if (probe.ok) {
        servers.push(server);
        continue;
      }
      await server.stop();
      skipped.push({ kind: "skipped", scenario, server: spec.name, reason: probe.reason });
    } catch (err) {
      skipped.push({ kind: "skipped", scenario, server: spec.name, reason: String(err) });
    }
    context.log(`${scenario}: skipping ${spec.name}: ${skipped.at(-1)?.reason}`);
  }
  return { servers, skipped };
}
