/**
 * Test servers for chapter 03: a net.Server on 127.0.0.1 port 0 serving
 * HTTP/1.1 with our connection, a logger that records instead of
 * printing, and a close() that destroys every socket so vitest exits.
 */
import net from "node:net";
import type { ConnectionOptions, Logger } from "#ch03/connection-options.ts";
import type { Handler } from "#ch03/message.ts";
import { http1ConnectionHandler } from "#ch03/serve-http1.ts";

export interface TestServer {
  readonly port: number;
  /** Messages the connection logged. */
  readonly logged: string[];
  /** How many sockets were accepted. */
  connections(): number;
  close(): Promise<void>;
}

const open = new Set<TestServer>();

export async function startServer(
  handler: Handler,
  options: Partial<ConnectionOptions> = {},
): Promise<TestServer> {
  const logged: string[] = [];
  const logger: Logger = {
    error: (message, detail) =>
      logged.push(detail instanceof Error ? `${message}: ${detail.message}` : message),
  };
  const serve = http1ConnectionHandler(handler, { logger, ...options });
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    serve(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  const test: TestServer = {
    port,
    logged,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        open.delete(test);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  open.add(test);
  return test;
}

/** Closes every server a test started; call from afterEach. */
export async function closeAll(): Promise<void> {
  await Promise.all([...open].map((s) => s.close()));
}

/** A request with the Host field HTTP/1.1 requires (RFC 9112 §3.2). */
export function get(target: string, extra = ""): string {
  return `GET ${target} HTTP/1.1\r\nHost: test\r\n${extra}\r\n`;
}

/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
