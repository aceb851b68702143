/**
 * The known attacks on HTTP/2 servers, each against its named limit:
 * rapid reset (CVE-2023-44487), the CONTINUATION flood (2024), SETTINGS
 * and PING floods, zero-window stalls, HPACK bombs, empty frame floods,
 * slow field blocks, oversized bodies.
 */
import { afterEach, describe, expect, test } from "vitest";
import type { Handler } from "#ch03/message.ts";
import { ERROR_CODES } from "#ch11/error-codes.ts";
import { SETTING } from "#ch11/settings.ts";
import type { H2Options } from "#ch13/h2-options.ts";
import { H2Wire, requestHead } from "./h2-wire.ts";
import { startH2, type TestServer } from "./server.ts";

let server: TestServer | undefined;
let client: H2Wire | undefined;

afterEach(async () => {
  client?.close();
  await server?.close();
  server = undefined;
  client = undefined;
});

const ok: Handler = () => ({ status: 200, body: "ok" });
const never: Handler = () => new Promise(() => undefined);

async function open(
  handler: Handler,
  options: Partial<H2Options> = {},
  settings: { id: number; value: number }[] = [],
) {
  server = await startH2(handler, options);
  client = await H2Wire.connect(server.port, { autoWindow: false });
  await client.handshake(settings);
  return client;
}

describe("rapid reset (CVE-2023-44487)", () => {
  test("streams opened and reset past maxResetsPerWindow: GOAWAY ENHANCE_YOUR_CALM", async () => {
    const c = await open(never, { maxResetsPerWindow: 10, resetWindowMs: 60_000 });
    for (let id = 1; id <= 41; id += 2) {
      c.headers(id, requestHead("GET", "/"));
      c.send({ type: "RST_STREAM", streamId: id, errorCode: ERROR_CODES.CANCEL });
    }
    const goaway = await c.goaway();
    expect(goaway.errorCode).toBe(ERROR_CODES.ENHANCE_YOUR_CALM);
  });

  test("a few resets are a browser navigating: the connection stays", async () => {
    const c = await open(never, { maxResetsPerWindow: 10 });
    for (let id = 1; id <= 9; id += 2) {
      c.headers(id, requestHead("GET", "/"));
      c.send({ type: "RST_STREAM", streamId: id, errorCode: ERROR_CODES.CANCEL });
    }
    c.send({ type: "PING", streamId: 0, ack: false, opaque: Buffer.from("stillok!") });
    await c.waitFor((f) => f.type === "PING" && f.ack);
    expect(c.received.some((f) => f.type === "GOAWAY")).toBe(false);
  });
});

describe("CONTINUATION flood (2024)", () => {
  test("a field block of too many frames: GOAWAY ENHANCE_YOUR_CALM", async () => {
    const c = await open(ok, { maxHeaderFrames: 8 });
    const fragment = c.encoder.encode(requestHead("GET", "/"));
    c.send({
      type: "HEADERS",
      streamId: 1,
      endStream: true,
      endHeaders: false,
      fragment: fragment.subarray(0, 1),
    });
    for (let i = 0; i < 20; i++) {
      c.send({ type: "CONTINUATION", streamId: 1, endHeaders: false, fragment: new Uint8Array(0) });
    }
    expect((await c.goaway()).errorCode).toBe(ERROR_CODES.ENHANCE_YOUR_CALM);
  });

  test("a field block of too many bytes: GOAWAY ENHANCE_YOUR_CALM", async () => {
    const c = await open(ok, { maxHeaderBlockBytes: 4_096 });
    const fragment = Buffer.alloc(3_000, 0x40);
    c.send({ type: "HEADERS", streamId: 1, endStream: true, endHeaders: false, fragment });
    c.send({ type: "CONTINUATION", streamId: 1, endHeaders: false, fragment });
    expect((await c.goaway()).errorCode).toBe(ERROR_CODES.ENHANCE_YOUR_CALM);
  });

  test("another frame inside a field block: GOAWAY PROTOCOL_ERROR (§6.10)", async () => {
    const c = await open(ok);
    const fragment = c.encoder.encode(requestHead("GET", "/"));
    c.send({ type: "HEADERS", streamId: 1, endStream: true, endHeaders: false, fragment });
    c.send({ type: "PING", streamId: 0, ack: false, opaque: Buffer.alloc(8) });
    expect((await c.goaway()).errorCode).toBe(ERROR_CODES.PROTOCOL_ERROR);
  });

  test("a field block left open past headersTimeoutMs: GOAWAY", async () => {
    const c = await open(ok, { headersTimeoutMs: 100 });
    const fragment = c.encoder.encode(requestHead("GET", "/"));
    c.send({ type: "HEADERS", streamId: 1, endStream: true, endHeaders: false, fragment });
    expect((await c.goaway()).errorCode).toBe(ERROR_CODES.ENHANCE_YOUR_CALM);
  });
});

describe("control frame floods", () => {
  test("PING flood: past maxControlFramesPerSecond, GOAWAY ENHANCE_YOUR_CALM", async () => {
    const c = await open(ok, { maxControlFramesPerSecond: 20 });
    const pings = Array.from({ length: 50 }, () => ({
      type: "PING" as const,
      streamId: 0 as const,
      ack: false,
      opaque: Buffer.alloc(8),
    }));
    c.send(...pings);
    expect((await c.goaway()).errorCode).toBe(ERROR_CODES.ENHANCE_YOUR_CALM);
    expect(c.received.filter((f) => f.type === "PING").length).toBeLessThanOrEqual(20);
  });

  test("SETTINGS flood: GOAWAY ENHANCE_YOUR_CALM", async () => {
    const c = await open(ok, { maxControlFramesPerSecond: 20 });
    const settings = Array.from({ length: 50 }, () => ({
      type: "SETTINGS" as const,
      streamId: 0 as const,
      ack: false,
      settings: [{ id: SETTING.HEADER_TABLE_SIZE, value: 4096 }],
    }));
    c.send(...settings);
    expect((await c.goaway()).errorCode).toBe(ERROR_CODES.ENHANCE_YOUR_CALM);
  });

  test("empty DATA frames that end nothing: GOAWAY ENHANCE_YOUR_CALM", async () => {
    const c = await open(never, { maxEmptyFrames: 10 });
    c.headers(1, requestHead("POST", "/"), { endStream: false });
    for (let i = 0; i < 30; i++) c.data(1, new Uint8Array(0), false);
    expect((await c.goaway()).errorCode).toBe(ERROR_CODES.ENHANCE_YOUR_CALM);
  });
});

describe("zero-window stalls", () => {
  test("a stream whose window stays 0: RST_STREAM CANCEL after zeroWindowTimeoutMs", async () => {
    const c = await open(
      () => ({ status: 200, body: "never sent" }),
      { zeroWindowTimeoutMs: 200 },
      [{ id: SETTING.INITIAL_WINDOW_SIZE, value: 0 }],
    );
    c.headers(1, requestHead("GET", "/"));
    const reset = await c.waitFor((f) => f.type === "RST_STREAM" && f.streamId === 1);
    expect(reset.type === "RST_STREAM" && reset.errorCode).toBe(ERROR_CODES.CANCEL);
  });

  test("a connection whose window stays 0: GOAWAY ENHANCE_YOUR_CALM", async () => {
    const c = await open(
      () => ({ status: 200, body: Buffer.alloc(100_000) }),
      { zeroWindowTimeoutMs: 200 },
      [{ id: SETTING.INITIAL_WINDOW_SIZE, value: 1_000_000 }],
    );
    c.headers(1, requestHead("GET", "/"));
    expect((await c.goaway()).errorCode).toBe(ERROR_CODES.ENHANCE_YOUR_CALM);
  });
});

describe("HPACK bombs and large heads", () => {
  test("a header list past maxHeaderListSize: 431, the connection goes on", async () => {
    const c = await open(ok, { maxHeaderListSize: 1_000 });
    const many: [string, string][] = ["a", "b", "c"].map((n) => [`x-${n}`, n.repeat(400)]);
    c.headers(1, [...requestHead("GET", "/"), ...many]);
    expect((await c.response(1)).status).toBe(431);
    expect((await c.fetch(3, "/")).status).toBe(200);
  });

  test("one literal longer than the whole list may be: GOAWAY COMPRESSION_ERROR", async () => {
    const c = await open(ok, { maxHeaderListSize: 1_000 });
    c.headers(1, [...requestHead("GET", "/"), ["x-big", "a".repeat(2_000)]]);
    expect((await c.goaway()).errorCode).toBe(ERROR_CODES.COMPRESSION_ERROR);
  });

  test("a table index that does not exist: GOAWAY COMPRESSION_ERROR", async () => {
    const c = await open(ok);
    c.send({
      type: "HEADERS",
      streamId: 1,
      endStream: true,
      endHeaders: true,
      fragment: Uint8Array.of(0xff, 0x7f),
    });
    expect((await c.goaway()).errorCode).toBe(ERROR_CODES.COMPRESSION_ERROR);
  });
});

describe("body limits", () => {
  test("Content-Length over maxBodyBytes: 413 before the handler runs", async () => {
    let called = false;
    const c = await open(
      () => {
        called = true;
        return { status: 200 };
      },
      { maxBodyBytes: 100 },
    );
    c.headers(1, [...requestHead("POST", "/"), ["content-length", "101"]], { endStream: false });
    expect((await c.response(1)).status).toBe(413);
    expect(called).toBe(false);
  });

  test("a body without Content-Length that grows past maxBodyBytes: 413", async () => {
    const c = await open(() => new Promise(() => undefined), { maxBodyBytes: 100 });
    c.headers(1, requestHead("POST", "/"), { endStream: false });
    c.data(1, Buffer.alloc(101), false);
    expect((await c.response(1)).status).toBe(413);
  });
});
