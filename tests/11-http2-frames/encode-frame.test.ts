/**
 * The encoder, byte for byte: each frame type as §6 lays it out, and the
 * values it refuses to put on the wire.
 */
import { describe, expect, test } from "vitest";
import { encodeFrame } from "#ch11/encode-frame.ts";
import { readFrameHeader, writeFrameHeader } from "#ch11/frame-header.ts";
import { errorCodeName } from "#ch11/error-codes.ts";
import { type Frame, flowControlledLength } from "#ch11/frames.ts";
import { expectBytes } from "#testing/wire.ts";
import { VALID } from "./cases.ts";
import { feed, hex } from "./feed.ts";

const BOOK = "chapters/11-http2-frames.md";
const b = (text: string): Buffer => Buffer.from(text, "latin1");

const ENCODED: readonly (readonly [string, Frame, string])[] = [
  [
    "empty SETTINGS (§6.5)",
    { type: "SETTINGS", streamId: 0, ack: false, settings: [] },
    "000000 04 00 00000000",
  ],
  [
    "SETTINGS ACK (§6.5)",
    { type: "SETTINGS", streamId: 0, ack: true, settings: [] },
    "000000 04 01 00000000",
  ],
  [
    "SETTINGS with MAX_CONCURRENT_STREAMS 100 (§6.5.1)",
    { type: "SETTINGS", streamId: 0, ack: false, settings: [{ id: 3, value: 100 }] },
    "000006 04 00 00000000 0003 00000064",
  ],
  [
    "DATA, END_STREAM, padded (§6.1)",
    { type: "DATA", streamId: 1, endStream: true, data: b("hi"), padLength: 3 },
    "000006 00 09 00000001 03 6869 000000",
  ],
  [
    "HEADERS with priority, exclusive (§6.2)",
    {
      type: "HEADERS",
      streamId: 3,
      endStream: false,
      endHeaders: true,
      fragment: hex("8286"),
      priority: { exclusive: true, dependsOn: 1, weight: 256 },
    },
    "000007 01 24 00000003 80000001 ff 8286",
  ],
  [
    "RST_STREAM with an unknown code, sent as is (§7)",
    { type: "RST_STREAM", streamId: 5, errorCode: 0xdead },
    "000004 03 00 00000005 0000dead",
  ],
  [
    "PUSH_PROMISE (§6.6)",
    {
      type: "PUSH_PROMISE",
      streamId: 1,
      endHeaders: true,
      promisedStreamId: 2,
      fragment: hex("82"),
    },
    "000005 05 04 00000001 00000002 82",
  ],
  [
    "PING ACK (§6.7)",
    { type: "PING", streamId: 0, ack: true, opaque: hex("0001020304050607") },
    "000008 06 01 00000000 0001020304050607",
  ],
  [
    "GOAWAY, ENHANCE_YOUR_CALM (§6.8)",
    { type: "GOAWAY", streamId: 0, lastStreamId: 0x7fffffff, errorCode: 0xb, debug: b("x") },
    "000009 07 00 00000000 7fffffff 0000000b 78",
  ],
  [
    "WINDOW_UPDATE, largest increment (§6.9)",
    { type: "WINDOW_UPDATE", streamId: 0, increment: 0x7fffffff },
    "000004 08 00 00000000 7fffffff",
  ],
  [
    "CONTINUATION (§6.10)",
    { type: "CONTINUATION", streamId: 7, endHeaders: false, fragment: hex("8485") },
    "000002 09 00 00000007 8485",
  ],
];

describe("encodeFrame", () => {
  test.each(ENCODED)("%s", (_name, frame, wire) => {
    expectBytes(encodeFrame(frame), hex(wire), { book: `${BOOK}#encoding-frames` });
  });

  test.each(VALID.filter((c) => !c.options).map((c) => [c.name, c] as const))(
    "re-encodes what it decoded: %s",
    (_name, c) => {
      const again = Buffer.concat(c.said.map((f) => encodeFrame(f as Frame)));
      expect(feed([again]).said).toEqual(c.said);
    },
  );

  test("refuses what cannot be sent: padding above 255, a 32-bit stream id, a 7-byte PING", () => {
    const data = { type: "DATA", streamId: 1, endStream: false, data: b("") } as const;
    expect(() => encodeFrame({ ...data, padLength: 256 })).toThrow(RangeError);
    expect(() => encodeFrame({ ...data, streamId: 0x8000_0000 })).toThrow(RangeError);
    const ping = { type: "PING", streamId: 0, ack: false, opaque: new Uint8Array(7) } as const;
    expect(() => encodeFrame(ping)).toThrow(RangeError);
  });
});

describe("small helpers", () => {
  test("a DATA frame's flow-controlled length counts padding and the Pad Length byte (§6.1)", () => {
    const data = { type: "DATA", streamId: 1, endStream: false, data: b("hello") } as const;
    expect(flowControlledLength(data)).toBe(5);
    expect(flowControlledLength({ ...data, padLength: 10 })).toBe(16);
  });

  test("error codes have names; an unknown one stays a number (§7)", () => {
    expect(errorCodeName(0xb)).toBe("ENHANCE_YOUR_CALM");
    expect(errorCodeName(0xdead)).toBeUndefined();
  });
});

describe("the frame header (§4.1)", () => {
  test("reads 24-bit lengths and masks the reserved bit", () => {
    expect(readFrameHeader(hex("ee ffff01 ff ff ffffffff"), 1)).toEqual({
      length: 0xffff01,
      type: 0xff,
      flags: 0xff,
      streamId: 0x7fffffff,
    });
  });

  test("writes at an offset and refuses a length above 2^24 - 1", () => {
    const out = new Uint8Array(10);
    writeFrameHeader(out, 1, { length: 0x010203, type: 4, flags: 1, streamId: 0x7fffffff });
    expectBytes(out, hex("00 010203 04 01 7fffffff"), { book: `${BOOK}#the-frame-header` });
    const big = { length: 0x100_0000, type: 0, flags: 0, streamId: 1 };
    expect(() => writeFrameHeader(out, 0, big)).toThrow(RangeError);
  });
});
