/**
 * The raw client itself, checked against a reference peer (node:http2's
 * server, nghttp2 underneath) before it judges ours: a request, a large
 * flow-controlled body, PING, and the GOAWAY and RST_STREAM codes a
 * careful server sends for two textbook violations. If these fail, the
 * harness is wrong, not the chapter.
 */
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { H2Wire } from "./h2-wire.ts";

let server: http2.Http2Server;
let port: number;
const big = Buffer.alloc(200_000, 7);
const sessions = new Set<http2.ServerHttp2Session>();

beforeAll(async () => {
  server = http2.createServer((req, res) => {
    if (req.url === "/big") return void res.end(big);
    res.setHeader("content-type", "text/plain");
    res.end("hello world");
  });
  server.on("session", (session) => {
    sessions.add(session);
    session.on("close", () => sessions.delete(session));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const session of sessions) session.destroy();
  await new Promise<void>((r) => server.close(() => r()));
});

describe("H2Wire against node:http2", () => {
  test("handshake, GET, response fields and body", async () => {
    const wire = await H2Wire.open(port);
    wire.get(1);
    const res = await wire.response(1);
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe("hello world");
    expect(res.fields).toContainEqual(["content-type", "text/plain"]);
    await wire.ping();
    wire.close();
  });

  test("a body larger than the initial window arrives whole (WINDOW_UPDATEs sent)", async () => {
    const wire = await H2Wire.open(port);
    wire.get(1, "/big");
    const res = await wire.response(1);
    expect(res.body.equals(big)).toBe(true);
    wire.close();
  });

  test("DATA on stream 0 is a connection error PROTOCOL_ERROR", async () => {
    const wire = await H2Wire.open(port);
    wire.send({ type: "DATA", streamId: 0, endStream: false, data: Buffer.from("x") });
    const goaway = await wire.connectionError("PROTOCOL_ERROR");
    expect(goaway.lastStreamId).toBe(0);
    // node:http2 waits for the client to close after its GOAWAY; ours must not (tested there).
    wire.close();
  });

  test("DATA after END_STREAM is a stream error STREAM_CLOSED", async () => {
    const wire = await H2Wire.open(port);
    wire.get(1);
    wire.send({ type: "DATA", streamId: 1, endStream: true, data: Buffer.from("late") });
    await wire.streamError(1, "STREAM_CLOSED");
    wire.close();
  });
});
