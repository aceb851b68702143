/**
 * Property tests (fast-check, bounded runs): any frame we can build
 * survives encode then decode unchanged, whatever the chunking; any bytes
 * at all get an answer, never an exception.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { encodeFrame } from "#ch11/encode-frame.ts";
import { ERROR_CODES } from "#ch11/error-codes.ts";
import { FrameDecoder } from "#ch11/frame-decoder.ts";
import type { Frame, Priority } from "#ch11/frames.ts";
import { asHex, feed } from "./feed.ts";

const RUNS = { numRuns: 300, seed: 2026 } as const;

const streamId = fc.integer({ min: 1, max: 0x7fffffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const bytes = (max: number) => fc.uint8Array({ maxLength: max }).map((b) => Buffer.from(b));
const padLength = fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined });
/** Optional fields absent rather than undefined: decoded frames omit them. */
const withOptional = <T extends object>(frame: T, extra: Record<string, unknown>): T => {
  const out: Record<string, unknown> = { ...(frame as Record<string, unknown>) };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) out[k] = v;
  return out as unknown as T;
};

const priority = (self: number): fc.Arbitrary<Priority> =>
  fc.record({
    exclusive: fc.boolean(),
    dependsOn: fc.integer({ min: 0, max: 0x7fffffff }).filter((d) => d !== self),
    weight: fc.integer({ min: 1, max: 256 }),
  });

const frame: fc.Arbitrary<Frame> = fc.oneof(
  fc
    .record({ streamId, endStream: fc.boolean(), data: bytes(64), padLength })
    .map(({ padLength, ...f }) => withOptional({ type: "DATA" as const, ...f }, { padLength })),
  streamId.chain((id) =>
    fc
      .record({
        endStream: fc.boolean(),
        endHeaders: fc.constant(true),
        fragment: bytes(64),
        priority: fc.option(priority(id), { nil: undefined }),
        padLength,
      })
      .map(({ priority, padLength, ...f }) =>
        withOptional({ type: "HEADERS" as const, streamId: id, ...f }, { priority, padLength }),
      ),
  ),
  streamId.chain((id) =>
    priority(id).map((p) => ({ type: "PRIORITY" as const, streamId: id, priority: p })),
  ),
  fc.record({ streamId, errorCode: u32 }).map((f) => ({ type: "RST_STREAM" as const, ...f })),
  fc
    .array(fc.record({ id: fc.integer({ min: 0x10, max: 0xffff }), value: u32 }), { maxLength: 5 })
    .map((settings) => ({ type: "SETTINGS" as const, streamId: 0 as const, ack: false, settings })),
  fc
    .record({ streamId, promisedStreamId: streamId, fragment: bytes(32), padLength })
    .map(({ padLength, ...f }) =>
      withOptional({ type: "PUSH_PROMISE" as const, endHeaders: true, ...f }, { padLength }),
    ),
  fc
    .record({ ack: fc.boolean(), opaque: fc.uint8Array({ minLength: 8, maxLength: 8 }) })
    .map((f) => ({ type: "PING" as const, streamId: 0 as const, ...f })),
  fc
    .record({
      lastStreamId: fc.integer({ min: 0, max: 0x7fffffff }),
      errorCode: u32,
      debug: bytes(32),
    })
    .map((f) => ({ type: "GOAWAY" as const, streamId: 0 as const, ...f })),
  fc
    .record({
      streamId: fc.integer({ min: 0, max: 0x7fffffff }),
      increment: fc.integer({ min: 1, max: 0x7fffffff }),
    })
    .map((f) => ({ type: "WINDOW_UPDATE" as const, ...f })),
  fc
    .record({
      frameType: fc.integer({ min: 0x0a, max: 0xff }),
      flags: fc.integer({ min: 0, max: 255 }),
      streamId,
      payload: bytes(32),
    })
    .map((f) => ({ type: "UNKNOWN" as const, ...f })),
);

/** Cut `bytes` at the given offsets (mod length + 1). */
function cut(buf: Buffer, at: readonly number[]): Buffer[] {
  const points = [...new Set(at.map((n) => n % (buf.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of points) {
    out.push(buf.subarray(from, p));
    from = p;
  }
  out.push(buf.subarray(from));
  return out;
}

describe("encode then decode", () => {
  test("gives back the same frames, however the bytes are cut", () => {
    fc.assert(
      fc.property(
        fc.array(frame, { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (frames, at) => {
          const wire = Buffer.concat(frames.map(encodeFrame));
          const { said, decoder } = feed(cut(wire, at));
          expect(asHex(said)).toEqual(asHex(frames));
          expect(decoder.buffered).toBe(0);
        },
      ),
      RUNS,
    );
  });
});

describe("on arbitrary bytes", () => {
  const codes = new Set(Object.keys(ERROR_CODES));
  test("never throws; every error carries a code of RFC 9113 §7", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("client", "server", "none" as const),
        fc.oneof(
          bytes(300),
          fc.array(frame, { maxLength: 4 }).chain((fs) =>
            fc.nat({ max: 40 }).map((flip) => {
              const wire = Buffer.concat(fs.map(encodeFrame));
              const at = flip % Math.max(1, wire.length);
              if (wire.length > 0) wire[at] = (wire[at] as number) ^ 0xff;
              return wire;
            }),
          ),
        ),
        fc.array(fc.nat(), { maxLength: 6 }),
        (preface, wire, at) => {
          const decoder = new FrameDecoder({ preface });
          for (const chunk of cut(wire, at)) {
            decoder.push(chunk);
            for (let r = decoder.next(); r.kind !== "incomplete"; r = decoder.next()) {
              if (r.kind === "error") {
                expect(codes.has(r.error.code)).toBe(true);
                if (r.error.scope === "connection") return;
              }
            }
          }
        },
      ),
      RUNS,
    );
  });
});
