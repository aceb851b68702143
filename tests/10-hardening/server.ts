/**
 * The server as of chapter 10 (every stage up to 10), on 127.0.0.1 port
 * 0, serving tests/10-hardening/fixtures/site as its static files so no
 * test waits for the book to be built. The plan is kept, so tests can
 * read what the defences did (extensions.hardening).
 */
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ConnectionOptions } from "#ch03/connection-options.ts";
import type { HardeningOptions } from "#ch10/hardening.ts";
import { assemble } from "../../src/assembly.ts";
import type { ServerPlan } from "../../src/stages/stage.ts";

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
  http1: Partial<ConnectionOptions> = {},
  staticRoot = SITE,
): Promise<Hardened> {
  const settings = {
    host: "127.0.0.1",
    port: 0,
    root: path.resolve(here, "../.."),
    staticRoot,
    hardening,
    http1,
  };
  const { plan, protocol } = assemble(settings, 10);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    protocol(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    plan,
    banner: plan.banner,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
