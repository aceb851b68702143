/**
 * What is not a TLS handshake gets a clean close, never a crash or a hang:
 * plain HTTP gets a readable 400, malformed records get a fatal alert,
 * silence is closed after the hello timeout; the server keeps serving.
 */
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { exchange } from "#testing/raw-client.ts";
import { expectTrue } from "#testing/wire.ts";
import { ext, hello, NODE_HELLO, sniData } from "./hello-bytes.ts";
import { makePki, type TestPki } from "./pki.ts";
import { startTlsServer, type TestTlsServer } from "./tls-server.ts";

const BOOK = "chapters/09-tls.md#what-is-not-tls";
let pki: TestPki;
let server: TestTlsServer;

beforeAll(async () => {
  pki = await makePki();
  const local = await pki.leaf("local", ["localhost", "127.0.0.1"]);
  server = await startTlsServer([local], { helloTimeoutMs: 300 });
});
afterAll(() => server?.close());

/** The server still completes a handshake and answers. */
async function stillServes(): Promise<void> {
  const socket = tls.connect({
    port: server.port,
    host: "127.0.0.1",
    ca: pki.ca,
    servername: "localhost",
  });
  const answer = await new Promise<string>((resolve, reject) => {
    let text = "";
    socket.on("secureConnect", () =>
      socket.write("GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    );
    socket.on("data", (d: Buffer) => (text += d.toString()));
    socket.on("close", () => resolve(text));
    socket.on("error", reject);
  });
  expect(answer).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*secure=true GET \/ok/);
}

describe("what is not TLS", () => {
  test("plain HTTP on the TLS port: a 400 that says to use https, then close", async () => {
    const r = await exchange(server.port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    expectTrue(r.closedByServer, "the server left the plain connection open", { book: BOOK });
    expect(r.received.toString()).toMatch(
      /^HTTP\/1\.1 400 Bad Request\r\n[\s\S]*This port speaks HTTPS/,
    );
    await stillServes();
  });

  test.each([
    ["an alert record", Buffer.from([21, 3, 3, 0, 2, 2, 40])],
    ["a record over 2^14 bytes", Buffer.from([22, 3, 1, 0xff, 0xff])],
    [
      "a hello naming the server twice",
      hello({ extensions: Buffer.concat([ext(0, sniData("a.test")), ext(0, sniData("b.test"))]) }),
    ],
    ["random bytes", Buffer.from("\x00\x01\x02\x03\x04\x05 not tls at all", "latin1")],
  ])("%s: a fatal alert (RFC 8446 §6), then close", async (_name, bytes) => {
    const r = await exchange(server.port, bytes);
    expectTrue(r.closedByServer, "the server did not close", { book: BOOK, sent: bytes });
    expect([...r.received.subarray(0, 5)]).toEqual([21, 3, 3, 0, 2]);
    expect(r.received[5]).toBe(2); // level: fatal
    await stillServes();
  });

  test("a truncated hello and then silence: closed after the hello timeout", async () => {
    const r = await exchange(server.port, NODE_HELLO.subarray(0, 50), { timeoutMs: 3000 });
    expect(r.closedByServer).toBe(true);
    expect(server.listening.refused.get("no-hello")).toBeGreaterThanOrEqual(1);
    await stillServes();
  });

  test("a client that hangs up mid-hello costs nothing", async () => {
    const r = await exchange(server.port, NODE_HELLO.subarray(0, 20), {
      endAfterWrite: true,
      timeoutMs: 2000,
    });
    expect(r.received.length).toBe(0);
    await stillServes();
  });

  test("an IP address as server name (RFC 6066 forbids it; wrk sends it) is tolerated", async () => {
    const socket = tls.connect({
      port: server.port,
      host: "127.0.0.1",
      ca: pki.ca,
      servername: "127.0.0.1",
    });
    const answer = await new Promise<string>((resolve, reject) => {
      let text = "";
      socket.on("secureConnect", () =>
        socket.write("GET /ip HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
      );
      socket.on("data", (d: Buffer) => (text += d.toString()));
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/secure=true GET \/ip/);
  });

  test("a valid hello and then garbage: node:tls refuses, the server survives", async () => {
    const bytes = Buffer.concat([NODE_HELLO, Buffer.alloc(64, 0x42)]);
    const r = await exchange(server.port, bytes, { timeoutMs: 3000 });
    expect(r.closedByServer).toBe(true);
    await stillServes();
  });
  test("a TLS 1.2 client asking to renegotiate is refused (RFC 9113 §9.2.1), the server survives", async () => {
    const socket = tls.connect({
      port: server.port,
      host: "127.0.0.1",
      ca: pki.ca,
      servername: "localhost",
      maxVersion: "TLSv1.2",
    });
    socket.on("error", () => {});
    const refused = await new Promise<boolean>((resolve) => {
      socket.on("secureConnect", () => {
        const asked = socket.renegotiate({ rejectUnauthorized: false }, (err) =>
          resolve(err !== null && err !== undefined),
        );
        if (!asked) resolve(true);
      });
      socket.on("close", () => resolve(true));
    });
    socket.destroy();
    expectTrue(refused, "the server agreed to a client-initiated TLS 1.2 renegotiation", {
      rule: "RFC 9113 §9.2.1: a deployment of HTTP/2 over TLS 1.2 MUST disable renegotiation",
      book: BOOK,
    });
    await stillServes();
  });
});
