/**
 * Chapter 10's defences hold for HTTP/2 sockets: the connection gate
 * counts them before anyone knows what they speak, and the slow-client
 * watchdog ends a connection whose request body trickles.
 */
import { afterEach, expect, test } from "vitest";
import { ERROR_CODES } from "#ch11/error-codes.ts";
import { H2Wire, requestHead } from "./h2-wire.ts";
import { startChapter13 } from "./server.ts";

let server: { port: number; close(): Promise<void> } | undefined;
const clients: H2Wire[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.close();
});

test("the connection gate refuses an h2c connection past the per-address cap", async () => {
  server = await startChapter13({
    hardening: { connections: { maxConnectionsPerAddress: 1, maxWaiting: 0, waitMs: 50 } },
  });
  const first = await H2Wire.connect(server.port, { autoWindow: false });
  clients.push(first);
  await first.handshake();
  const second = await H2Wire.connect(server.port, { autoWindow: false });
  clients.push(second);
  const bytes: Buffer[] = [];
  second.socket.on("data", (chunk: Buffer) => bytes.push(chunk));
  second.sendRaw(Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1"));
  expect(await second.closedWithin(5_000)).toBe(true);
  expect(Buffer.concat(bytes).toString("latin1")).toMatch(/^HTTP\/1\.1 503 /);
  // The first connection is still served.
  first.headers(1, requestHead("GET", "/hello"));
  expect((await first.response(1)).status).toBe(200);
});

test("the slow-client watchdog ends an HTTP/2 connection whose body trickles", async () => {
  server = await startChapter13({
    hardening: { slowClients: { minBodyRate: 10_000, ratePeriodMs: 200, checkIntervalMs: 50 } },
  });
  const c = await H2Wire.connect(server.port, { autoWindow: false });
  clients.push(c);
  await c.handshake();
  c.headers(1, [...requestHead("POST", "/echo"), ["content-length", "100000"]], {
    endStream: false,
  });
  c.data(1, "a", false);
  const goaway = await c.goaway(5_000);
  expect(goaway.errorCode).toBe(ERROR_CODES.ENHANCE_YOUR_CALM);
});
