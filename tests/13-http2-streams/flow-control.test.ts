/**
 * Flow control over a real socket (RFC 9113 §5.2, §6.9): the server
 * sends no more than the client's windows allow, follows changes of
 * SETTINGS_INITIAL_WINDOW_SIZE (negative windows included), refuses DATA
 * beyond its own windows, and lets a slow reader slow the handler down.
 */
import { afterEach, describe, expect, test } from "vitest";
import type { Handler, HttpRequest } from "#ch03/message.ts";
import { ERROR_CODES } from "#ch11/error-codes.ts";
import { SETTING } from "#ch11/settings.ts";
import { H2Wire, type Received, requestHead } from "./h2-wire.ts";
import { startH2, type TestServer } from "./server.ts";

let server: TestServer | undefined;
let client: H2Wire | undefined;

afterEach(async () => {
  client?.close();
  await server?.close();
  server = undefined;
  client = undefined;
});

async function open(
  handler: Handler,
  settings: { id: number; value: number }[] = [],
  options = {},
) {
  server = await startH2(handler, options);
  client = await H2Wire.connect(server.port, { autoWindow: false });
  await client.handshake(settings);
  return client;
}

const dataBytes = (frames: readonly Received[], stream: number) =>
  frames.reduce((n, f) => n + (f.type === "DATA" && f.streamId === stream ? f.data.length : 0), 0);

/** A PING round trip: everything the server would send by now has arrived. */
async function barrier(c: H2Wire, tag: string): Promise<void> {
  const opaque = Buffer.from(tag.padEnd(8).slice(0, 8));
  c.send({ type: "PING", streamId: 0, ack: false, opaque });
  await c.waitFor((f) => f.type === "PING" && f.ack && Buffer.from(f.opaque).equals(opaque));
}

const big =
  (size: number): Handler =>
  () => ({ status: 200, body: Buffer.alloc(size, 0x61) });

describe("sending within the client's windows", () => {
  test("65,535 bytes on the initial windows, then only what WINDOW_UPDATE grants", async () => {
    const c = await open(big(200_000));
    c.headers(1, requestHead("GET", "/big"));
    await c.waitFor(() => dataBytes(c.received, 1) === 65_535);
    await barrier(c, "one");
    expect(dataBytes(c.received, 1)).toBe(65_535);
    c.send({ type: "WINDOW_UPDATE", streamId: 1, increment: 10_000 });
    await barrier(c, "two");
    // The connection window is still spent: the stream's grant alone is not enough.
    expect(dataBytes(c.received, 1)).toBe(65_535);
    c.send({ type: "WINDOW_UPDATE", streamId: 0, increment: 1_000_000 });
    await c.waitFor(() => dataBytes(c.received, 1) === 75_535);
    await barrier(c, "three");
    expect(dataBytes(c.received, 1)).toBe(75_535);
    c.send({ type: "WINDOW_UPDATE", streamId: 1, increment: 1_000_000 });
    const response = await c.response(1);
    expect(response.body.length).toBe(200_000);
  });

  test("frames are no larger than SETTINGS_MAX_FRAME_SIZE", async () => {
    const c = await open(big(100_000), [{ id: SETTING.INITIAL_WINDOW_SIZE, value: 1_000_000 }]);
    c.send({ type: "WINDOW_UPDATE", streamId: 0, increment: 1_000_000 });
    const response = await c.fetch(1, "/");
    const sizes = response.frames
      .filter((f) => f.type === "DATA")
      .map((f) => (f.type === "DATA" ? f.data.length : 0));
    expect(Math.max(...sizes)).toBe(16_384);
    expect(response.body.length).toBe(100_000);
  });

  test("a smaller SETTINGS_INITIAL_WINDOW_SIZE can make a window negative (§6.9.2)", async () => {
    const c = await open(big(5_000), [{ id: SETTING.INITIAL_WINDOW_SIZE, value: 1_000 }]);
    c.headers(1, requestHead("GET", "/"));
    await c.waitFor(() => dataBytes(c.received, 1) === 1_000);
    // 0 - 1000 sent = -1000; +500 leaves -500: still nothing may go.
    c.send({
      type: "SETTINGS",
      streamId: 0,
      ack: false,
      settings: [{ id: SETTING.INITIAL_WINDOW_SIZE, value: 0 }],
    });
    c.send({ type: "WINDOW_UPDATE", streamId: 1, increment: 500 });
    await barrier(c, "neg");
    expect(dataBytes(c.received, 1)).toBe(1_000);
    // Back to 2000: the window is 2000 - 1000 + 500 = 1500.
    c.send({
      type: "SETTINGS",
      streamId: 0,
      ack: false,
      settings: [{ id: SETTING.INITIAL_WINDOW_SIZE, value: 2_000 }],
    });
    await c.waitFor(() => dataBytes(c.received, 1) === 2_500);
    await barrier(c, "pos");
    expect(dataBytes(c.received, 1)).toBe(2_500);
  });

  test("WINDOW_UPDATE past 2^31-1: RST_STREAM or GOAWAY FLOW_CONTROL_ERROR (§6.9.1)", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const c = await open(async () => {
      await gate;
      return { status: 200, body: "x" };
    });
    c.headers(1, requestHead("GET", "/"));
    c.send({ type: "WINDOW_UPDATE", streamId: 1, increment: 0x7fff_ffff });
    const reset = await c.waitFor((f) => f.type === "RST_STREAM");
    expect(reset.type === "RST_STREAM" && reset.errorCode).toBe(ERROR_CODES.FLOW_CONTROL_ERROR);
    c.send({ type: "WINDOW_UPDATE", streamId: 0, increment: 0x7fff_ffff });
    expect((await c.goaway()).errorCode).toBe(ERROR_CODES.FLOW_CONTROL_ERROR);
    release();
  });
});

describe("receiving within our windows", () => {
  async function readAll(request: HttpRequest): Promise<number> {
    let n = 0;
    for await (const chunk of request.body) n += chunk.length;
    return n;
  }

  test("DATA beyond the stream window: RST_STREAM FLOW_CONTROL_ERROR", async () => {
    const c = await open(() => new Promise(() => undefined), [], { streamWindow: 1_000 });
    c.headers(1, requestHead("POST", "/"), { endStream: false });
    c.data(1, Buffer.alloc(1_001), false);
    const reset = await c.waitFor((f) => f.type === "RST_STREAM" && f.streamId === 1);
    expect(reset.type === "RST_STREAM" && reset.errorCode).toBe(ERROR_CODES.FLOW_CONTROL_ERROR);
  });

  test("DATA beyond the connection window: GOAWAY FLOW_CONTROL_ERROR", async () => {
    const c = await open(() => new Promise(() => undefined), [], {
      streamWindow: 60_000,
      connectionWindow: 65_535,
    });
    c.headers(1, requestHead("POST", "/"), { endStream: false });
    c.headers(3, requestHead("POST", "/"), { endStream: false });
    c.data(1, Buffer.alloc(16_000), false);
    c.data(1, Buffer.alloc(16_000), false);
    c.data(3, Buffer.alloc(16_000), false);
    c.data(3, Buffer.alloc(16_000), false);
    c.data(3, Buffer.alloc(16_000), false);
    expect((await c.goaway()).errorCode).toBe(ERROR_CODES.FLOW_CONTROL_ERROR);
  });

  test("a large upload flows: the windows are given back as the handler reads", async () => {
    const c = await open(async (r) => ({ status: 200, body: String(await readAll(r)) }), [], {
      streamWindow: 65_536,
      connectionWindow: 131_072,
      maxBodyBytes: 10_000_000,
    });
    c.headers(1, requestHead("POST", "/up"), { endStream: false });
    let window = 65_535; // the client's view of the stream window
    let connection = 65_535;
    let sent = 0;
    const total = 2_000_000;
    let seen = 0;
    while (sent < total) {
      const updates = c.received.slice(seen);
      seen = c.received.length;
      for (const f of updates) {
        if (f.type === "WINDOW_UPDATE" && f.streamId === 1) window += f.increment;
        if (f.type === "WINDOW_UPDATE" && f.streamId === 0) connection += f.increment;
      }
      const n = Math.min(16_384, window, connection, total - sent);
      if (n <= 0) {
        await c.waitFor((f) => f.type === "WINDOW_UPDATE", "a WINDOW_UPDATE", 5_000, seen);
        continue;
      }
      c.data(1, Buffer.alloc(n), sent + n === total);
      sent += n;
      window -= n;
      connection -= n;
    }
    const response = await c.response(1);
    expect(response.body.toString()).toBe(String(total));
  });

  test("a handler that does not read: its stream window is not given back", async () => {
    const c = await open(() => new Promise(() => undefined), [], { streamWindow: 65_536 });
    c.headers(1, requestHead("POST", "/"), { endStream: false });
    c.data(1, Buffer.alloc(16_384), false);
    c.data(1, Buffer.alloc(16_384), false);
    c.data(1, Buffer.alloc(16_384), false);
    await barrier(c, "unread");
    expect(c.received.filter((f) => f.type === "WINDOW_UPDATE" && f.streamId === 1)).toHaveLength(
      0,
    );
  });
});

describe("back-pressure from a slow reader to the handler", () => {
  test("a streamed body is pulled only as the window allows", async () => {
    let pulled = 0;
    let stopped = false;
    async function* endless() {
      try {
        for (;;) {
          pulled++;
          yield Buffer.alloc(16_384);
        }
      } finally {
        stopped = true;
      }
    }
    const c = await open(
      () => ({ status: 200, body: endless() }),
      [{ id: SETTING.INITIAL_WINDOW_SIZE, value: 0 }],
    );
    c.headers(1, requestHead("GET", "/stream"));
    await c.waitFor((f) => f.type === "HEADERS" && f.streamId === 1);
    await barrier(c, "bp1");
    await barrier(c, "bp2");
    // Nothing could be sent; only PULL_MARK (64 KiB) worth was taken.
    expect(dataBytes(c.received, 1)).toBe(0);
    expect(pulled).toBeLessThanOrEqual(5);
    c.send({ type: "RST_STREAM", streamId: 1, errorCode: ERROR_CODES.CANCEL });
    await barrier(c, "bp3");
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(true);
  });
});
