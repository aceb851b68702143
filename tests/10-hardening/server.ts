/**
 * The server as of chapter 10 (every stage up to 10), on 127.0.0.1 port
 * 0, serving tests/10-hardening/fixtures/site as its static files so no
 * test waits for the book to be built. The plan is kept, so tests can
 * read what the defences did (extensions.hardening).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { HardeningOptions } from "#ch10/hardening.ts";
import { LOCAL_HOSTS } from "#ch10/host-check.ts";
import { assemble } from "../../src/assembly.ts";
import { servePlan } from "../../src/server.ts";
import type { ServerLimits, ServerPlan } from "../../src/stages/stage.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
export const SITE = path.join(here, "fixtures", "site");

export interface Hardened {
  readonly port: number;
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly plan: ServerPlan;
  readonly banner: readonly string[];
  close(): Promise<void>;
}

export async function startHardened(
  hardening: Partial<HardeningOptions> = {},
  limits: Partial<ServerLimits> = {},
  staticRoot = SITE,
): Promise<Hardened> {
  const settings = {
    host: "127.0.0.1",
    port: 0,
    root: path.resolve(here, "../.."),
    staticRoot,
    // The defences under test are on; the shipped defaults leave two off.
    hardening: { allowedHosts: LOCAL_HOSTS, rateLimit: {}, ...hardening },
    limits: { shutdownGraceMs: 200, ...limits },
  };
  const { plan, chapter } = assemble(settings, 10);
  const server = await servePlan(plan, chapter);
  return {
    port: server.port,
    url: `http://127.0.0.1:${server.port}`,
    plan,
    banner: plan.banner,
    close: async () => {
      await server.close();
    },
  };
}
