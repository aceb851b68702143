/**
 * The known HTTP/2 attacks (RFC 9113 §10.5, "Denial-of-Service
 * Considerations"): each is sent for real, bounded in count, and the
 * server must answer it (GOAWAY ENHANCE_YOUR_CALM, a reset, a 431) and
 * close or go on, while another client on another connection is still
 * served. The limits are chapter 13's (h2-options.ts); the zero-window
 * timeout is lowered so the test does not wait 30 s for it.
 */
import { describe, expect, test } from "vitest";
import { ERROR_CODES, H2Wire } from "../h2-wire.ts";
import { useTarget } from "./target.ts";

const ZERO_WINDOW_TIMEOUT_MS = 300;
const t = useTarget({ h2: { zeroWindowTimeoutMs: ZERO_WINDOW_TIMEOUT_MS } });
const CALM = ERROR_CODES.ENHANCE_YOUR_CALM;

/** Another client, on its own connection, still gets /hello. */
async function othersStillServed(): Promise<void> {
  const other = await t.open();
  other.get(1);
  const res = await other.response(1);
  expect(res.status).toBe(200);
  expect(res.body.toString()).toBe("hello world");
}

/** Writes `count` copies of what `frame(i)` builds, in batches, until the server closes. */
async function flood(wire: H2Wire, count: number, frame: (i: number) => Buffer): Promise<number> {
  let sent = 0;
  while (sent < count && !wire.closed) {
    const batch: Buffer[] = [];
    for (let i = 0; i < 200 && sent < count; i++, sent++) batch.push(frame(sent));
    await new Promise<void>((resolve) => {
      if (wire.socket.destroyed) return resolve();
      wire.socket.write(Buffer.concat(batch), () => resolve());
    });
  }
  return sent;
}

describe("RFC 9113 §10.5 denial of service", () => {
  test("rapid reset (CVE-2023-44487): HEADERS + RST_STREAM pairs end in GOAWAY ENHANCE_YOUR_CALM", async () => {
    const wire = await t.open();
    const pair = (i: number) => {
      const id = 1 + 2 * i;
      const block = wire.encoder.encode(H2Wire.request("GET", "/hello"));
      const headers = {
        type: "HEADERS",
        streamId: id,
        endStream: true,
        endHeaders: true,
        fragment: block,
      } as const;
      const reset = { type: "RST_STREAM", streamId: id, errorCode: ERROR_CODES.CANCEL } as const;
      return Buffer.concat([encode(headers), encode(reset)]);
    };
    await flood(wire, 5_000, pair);
    const goaway = await wire.connectionError("ENHANCE_YOUR_CALM", 5_000);
    // The server stopped well before the 5,000 streams the attacker offered.
    expect(goaway.lastStreamId).toBeLessThan(2 * 2_000);
    expect(await wire.closedWithin()).toBe(true);
    await othersStillServed();
  });

  test("CONTINUATION flood: an endless field block ends in GOAWAY and a close", async () => {
    const wire = await t.open();
    const first = wire.encoder.encode(H2Wire.request("GET", "/hello"));
    wire.send({
      type: "HEADERS",
      streamId: 1,
      endStream: true,
      endHeaders: false,
      fragment: first,
    });
    // Each fragment a literal field of 1,000 bytes, never ending the block.
    const piece = Buffer.concat([
      Buffer.from([0x00, 0x01, 0x78, 0x7f, 0xe9, 0x06]),
      Buffer.alloc(1_000, 0x61),
    ]);
    const sent = await flood(wire, 2_000, () =>
      encode({ type: "CONTINUATION", streamId: 1, endHeaders: false, fragment: piece }),
    );
    const goaway = (await wire.waitFor((f) => f.type === "GOAWAY", "GOAWAY", 5_000)) as {
      errorCode: number;
    };
    expect([CALM, ERROR_CODES.PROTOCOL_ERROR, ERROR_CODES.COMPRESSION_ERROR]).toContain(
      goaway.errorCode,
    );
    expect(await wire.closedWithin()).toBe(true);
    expect(sent).toBeLessThanOrEqual(2_000);
    await othersStillServed();
  });

  test("CONTINUATION flood, empty frames: GOAWAY and a close", async () => {
    const wire = await t.open();
    const first = wire.encoder.encode(H2Wire.request("GET", "/hello"));
    wire.send({
      type: "HEADERS",
      streamId: 1,
      endStream: true,
      endHeaders: false,
      fragment: first,
    });
    await flood(wire, 20_000, () =>
      encode({ type: "CONTINUATION", streamId: 1, endHeaders: false, fragment: new Uint8Array() }),
    );
    const goaway = (await wire.waitFor((f) => f.type === "GOAWAY", "GOAWAY", 5_000)) as {
      errorCode: number;
    };
    expect([CALM, ERROR_CODES.PROTOCOL_ERROR]).toContain(goaway.errorCode);
    expect(await wire.closedWithin()).toBe(true);
    await othersStillServed();
  });

  for (const kind of ["SETTINGS", "PING"] as const) {
    test(`${kind} flood from a client that does not read: GOAWAY ENHANCE_YOUR_CALM`, async () => {
      const wire = await t.open();
      wire.socket.pause();
      const frame =
        kind === "SETTINGS"
          ? encode({
              type: "SETTINGS",
              streamId: 0,
              ack: false,
              settings: [{ id: 0x3, value: 100 }],
            })
          : encode({ type: "PING", streamId: 0, ack: false, opaque: Buffer.alloc(8, 1) });
      await flood(wire, 20_000, () => frame);
      wire.socket.resume();
      await wire.connectionError("ENHANCE_YOUR_CALM", 5_000);
      expect(await wire.closedWithin()).toBe(true);
      const answers = wire.received.filter((f) => f.type === kind && f.ack).length;
      expect(answers).toBeLessThan(20_000);
      await othersStillServed();
    });
  }

  test("empty DATA flood: GOAWAY ENHANCE_YOUR_CALM", async () => {
    const wire = await t.open();
    wire.headers(1, H2Wire.request("POST", "/echo"), { endStream: false });
    await flood(wire, 20_000, () =>
      encode({ type: "DATA", streamId: 1, endStream: false, data: new Uint8Array() }),
    );
    await wire.connectionError("ENHANCE_YOUR_CALM", 5_000);
    await othersStillServed();
  });

  test("zero-window stall: streams held at a zero window are reset after the timeout", async () => {
    const wire = await t.open([{ id: 0x4, value: 0 }], { autoWindow: false });
    const ids = [1, 3, 5, 7, 9];
    for (const id of ids) wire.get(id, "/big.bin");
    const started = Date.now();
    for (const id of ids) {
      await wire.waitFor(
        (f) => (f.type === "RST_STREAM" && f.streamId === id) || f.type === "GOAWAY",
        `stream ${id} reset after the zero-window timeout`,
        5_000,
      );
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(ZERO_WINDOW_TIMEOUT_MS - 50);
    await othersStillServed();
  });

  test("HPACK bomb: one 4 KB entry referenced 1,000 times is refused, not decoded into 4 MB", async () => {
    const wire = await t.open();
    const authority = [0x01, 0x09, ...Buffer.from("127.0.0.1")];
    const prefix = [0x82, 0x86, 0x84, ...authority];
    // Request 1 puts x-bomb: 4,000 x "a" in the table (literal with incremental indexing).
    const entry = [0x40, 0x06, ...Buffer.from("x-bomb"), 0x7f, 0xa1, 0x1e];
    const first = Buffer.concat([Buffer.from([...prefix, ...entry]), Buffer.alloc(4_000, 0x61)]);
    wire.send({ type: "HEADERS", streamId: 1, endStream: true, endHeaders: true, fragment: first });
    expect((await wire.response(1)).status).toBe(200);
    // Request 2 references it (dynamic index 62) 1,000 times: 4 MB of fields from 1 KB.
    const bomb = Buffer.concat([Buffer.from(prefix), Buffer.alloc(1_000, 0x80 | 62)]);
    wire.send({ type: "HEADERS", streamId: 3, endStream: true, endHeaders: true, fragment: bomb });
    const answer = await wire.waitFor(
      (f) =>
        (f.streamId === 3 && (f.type === "HEADERS" || f.type === "RST_STREAM")) ||
        f.type === "GOAWAY",
      "a refusal of the bomb",
    );
    if (answer.type === "HEADERS") expect(answer.fields?.[0]).toEqual([":status", "431"]);
    else expect(answer.type === "RST_STREAM" || answer.type === "GOAWAY").toBe(true);
    await othersStillServed();
  });
});

import { encodeFrame as encode } from "#ch11/encode-frame.ts";
