/**
 * Test servers for chapter 13: chapter 13's Protocol alone on a loopback
 * listener with a handler of the test's own, or the whole server as of
 * chapter 13 (every stage), both on port 0.
 */
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Connection, connectionInfo } from "#ch01/connection.ts";
import type { Handler } from "#ch03/message.ts";
import type { Logger } from "#ch03/logger.ts";
import type { H2Options } from "#ch13/h2-options.ts";
import { h2Protocol } from "#ch13/serve-h2.ts";
import { assemble } from "../../src/assembly.ts";
import { servePlan } from "../../src/server.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

export interface TestServer {
  readonly port: number;
  readonly connections: Connection[];
  readonly logs: string[];
  close(): Promise<void>;
}

/** A logger that keeps events, so tests stay quiet and can look. */
export function memoryLogger(logs: string[]): Logger {
  return {
    error: (event, fields) => logs.push(`error ${event} ${JSON.stringify(fields ?? {})}`),
    info: (event, fields) => logs.push(`info ${event} ${JSON.stringify(fields ?? {})}`),
  };
}

export async function startH2(
  handler: Handler,
  options: Partial<H2Options> = {},
): Promise<TestServer> {
  const logs: string[] = [];
  const protocol = h2Protocol(handler, { logger: memoryLogger(logs), ...options });
  const connections: Connection[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    connections.push(protocol.serve(socket, connectionInfo(socket)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    connections,
    logs,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The whole server as of chapter 13, plain port only. */
export async function startChapter13(
  extra: Record<string, unknown> = {},
): Promise<{ port: number; close(): Promise<void> }> {
  const settings = {
    host: "127.0.0.1",
    port: 0,
    root: path.resolve(here, "../.."),
    staticRoot: path.resolve(here, "../10-hardening/fixtures/site"),
    limits: { shutdownGraceMs: 200 },
    ...extra,
  };
  const { plan, chapter } = assemble(settings, 13);
  const server = await servePlan(plan, chapter);
  return {
    port: server.port,
    close: async () => {
      await server.close();
    },
  };
}
