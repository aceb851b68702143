/**
 * The decoder against its table, whole, split at every boundary, and one
 * byte at a time: the answer must never depend on how TCP cut the bytes.
 */
import { describe, expect, test } from "vitest";
import { FrameDecoder } from "#ch11/frame-decoder.ts";
import { everyByte, everySplit } from "#testing/raw-client.ts";
import { describeMismatch } from "#testing/wire.ts";
import { type Case, INVALID, VALID } from "./cases.ts";
import { asHex, feed, hex } from "./feed.ts";

const BOOK = "chapters/11-http2-frames.md";

/**
 * everySplit, but for a large frame only the boundaries that matter (in
 * and around the header, and the last bytes) plus a stride through the
 * payload: comparing 16 KB 16,000 times proves nothing more.
 */
function splits(bytes: Buffer): [Buffer, Buffer][] {
  const all = everySplit(bytes);
  if (bytes.length <= 512) return all;
  return all.filter(([a]) => a.length < 64 || bytes.length - a.length < 64 || a.length % 997 === 0);
}

function check(c: Case, chunks: readonly Uint8Array[], how: string): void {
  const { said } = feed(chunks, c.options);
  expect(asHex(said), `${c.name} (${how})\n  read: ${BOOK}`).toEqual(asHex(c.said));
}

describe.each([
  ["valid frames", VALID],
  ["invalid frames", INVALID],
])("%s", (_, cases) => {
  test.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    check(c, [c.bytes], "whole");
    for (const [a, b] of splits(c.bytes)) check(c, [a, b], `split at ${a.length}`);
    if (c.bytes.length < 200) check(c, everyByte(c.bytes), "one byte at a time");
  });
});

describe("the decoder's life", () => {
  test("a connection error is sticky: later bytes are not read", () => {
    const decoder = new FrameDecoder();
    decoder.push(hex("000001 00 00 00000000 61"));
    const first = decoder.next();
    decoder.push(hex("000000 04 01 00000000"));
    expect(first.kind).toBe("error");
    expect(decoder.next()).toEqual(first);
    expect(decoder.state).toBe("error");
  });

  test("several frames in one chunk come out one per next()", () => {
    const decoder = new FrameDecoder();
    decoder.push(hex("000000 04 01 00000000 000000 04 01 00000000 000001"));
    expect(decoder.next().kind).toBe("frame");
    expect(decoder.next().kind).toBe("frame");
    expect(decoder.next().kind).toBe("incomplete");
    expect(decoder.buffered).toBe(3);
  });

  test("setMaxFrameSize lets larger frames in, once our SETTINGS are acknowledged (§4.2)", () => {
    const frame = Buffer.concat([hex("004001 00 00 00000001"), Buffer.alloc(16_385)]);
    expect(feed([frame]).said[0]).toHaveProperty("error.code", "FRAME_SIZE_ERROR");
    const decoder = new FrameDecoder();
    decoder.setMaxFrameSize(32_768);
    decoder.push(frame);
    expect(decoder.next()).toHaveProperty("frame.data.length", 16_385);
  });

  test("a frame size outside §6.5.2's range is our bug: it throws", () => {
    expect(() => new FrameDecoder({ maxFrameSize: 100 })).toThrow(RangeError);
  });

  test("the preface is refused at its first wrong byte, not after 24", () => {
    const decoder = new FrameDecoder({ preface: "client" });
    decoder.push(Buffer.from("GET", "latin1"));
    const r = decoder.next();
    if (r.kind !== "error") throw new Error(describeMismatch("decoder", r.kind, "error"));
    expect(r.error.code).toBe("PROTOCOL_ERROR");
  });

  test("a stream error's payload is skipped however it arrives", () => {
    const bytes = hex(
      "000010 02 00 00000003 00000000000000000000000000000000 000000 04 01 00000000",
    );
    for (const chunks of [everyByte(bytes), [bytes]]) {
      const { said } = feed(chunks);
      expect(said).toEqual([
        { error: { scope: "stream", code: "FRAME_SIZE_ERROR", streamId: 3 } },
        { type: "SETTINGS", streamId: 0, ack: true, settings: [] },
      ]);
    }
  });
});
