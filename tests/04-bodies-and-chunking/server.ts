/**
 * Test servers for chapter 04: the shared test server (chapter 03's
 * connection on 127.0.0.1 port 0) with chapter 04's body options,
 * recording every request the handler saw (to prove a smuggled request
 * never reached it).
 */
import type { ConnectionOptions } from "#ch03/connection-options.ts";
import type { Handler, HttpRequest, HttpResponse } from "#ch03/message.ts";
import type { BodyLimits } from "#ch04/body-limits.ts";
import { bodyOptions } from "#ch04/body-options.ts";
import { startHttpServer } from "#testing/http-server.ts";

export interface TestServer {
  readonly port: number;
  /** Targets of the requests the handler was called with, in order. */
  readonly seen: string[];
  readonly logged: readonly string[];
  close(): Promise<void>;
}

const open = new Set<TestServer>();

export async function startServer(
  handler: Handler,
  limits: Partial<BodyLimits> = {},
  options: Partial<ConnectionOptions> = {},
): Promise<TestServer> {
  const seen: string[] = [];
  const recording: Handler = (request) => {
    seen.push(request.target);
    return handler(request);
  };
  const server = await startHttpServer(recording, { ...bodyOptions(limits), ...options });
  const test: TestServer = {
    port: server.port,
    seen,
    logged: server.logged,
    close: () => {
      open.delete(test);
      return server.close();
    },
  };
  open.add(test);
  return test;
}

/** Closes every server a test started; call from afterEach. */
export async function closeAll(): Promise<void> {
  await Promise.all([...open].map((s) => s.close()));
}

/** Reads the whole body as latin1 text. */
export async function readBody(request: HttpRequest): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const part of request.body) parts.push(part);
  return Buffer.concat(parts).toString("latin1");
}

/** Answers with the request body, after reading all of it. */
export const echoBody: Handler = async (request): Promise<HttpResponse> => {
  const body = await readBody(request);
  return { status: 200, headers: [["content-type", "text/plain"]], body };
};

/** Answers at once, without reading the body. */
export const ignoreBody: Handler = (request) => ({
  status: 200,
  headers: [["content-type", "text/plain"]],
  body: `saw ${request.target}\n`,
});

export function get(target: string): string {
  return `GET ${target} HTTP/1.1\r\nHost: test\r\n\r\n`;
}

/** Status codes of the responses in `bytes`, in order (status lines only). */
export function statuses(bytes: Buffer): number[] {
  const text = bytes.toString("latin1");
  return [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
}
