/**
 * Test servers for chapter 03: a net.Server on 127.0.0.1 port 0 serving
 * HTTP/1.1 with our connection, a logger that records instead of
 * printing, and a close() that destroys every socket so vitest exits.
 */
import type { ConnectionOptions } from "#ch03/connection-options.ts";
import type { Handler } from "#ch03/message.ts";
import { startHttpServer, type TestHttpServer } from "#testing/http-server.ts";

export type TestServer = TestHttpServer;

const open = new Set<TestServer>();

/** The shared test server (tools/testing/http-server.ts), remembered for closeAll. */
export async function startServer(
  handler: Handler,
  options: Partial<ConnectionOptions> = {},
): Promise<TestServer> {
  const server = await startHttpServer(handler, options);
  open.add(server);
  return server;
}

/** Closes every server a test started; call from afterEach. */
export async function closeAll(): Promise<void> {
  const servers = [...open];
  open.clear();
  await Promise.all(servers.map((s) => s.close()));
}

/** A request with the Host field HTTP/1.1 requires (RFC 9112 §3.2). */
export function get(target: string, extra = ""): string {
  return `GET ${target} HTTP/1.1\r\nHost: test\r\n${extra}\r\n`;
}

/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
