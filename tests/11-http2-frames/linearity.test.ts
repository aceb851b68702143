/**
 * Linearity, proven by counting rather than timing: a frame that arrives
 * one byte at a time is copied once, not once per byte (the ByteQueue's
 * promise), and a frame inside one chunk is not copied at all.
 */
import { expect, test } from "vitest";
import { ByteQueue } from "#ch11/byte-queue.ts";
import { encodeFrame } from "#ch11/encode-frame.ts";
import { FrameDecoder } from "#ch11/frame-decoder.ts";
import { expectTrue } from "#testing/wire.ts";

const BOOK = "chapters/11-http2-frames.md#incremental-decoding";

test("a 256 KB DATA frame fed one byte per push is copied exactly once", () => {
  const size = 256 * 1024;
  const wire = encodeFrame({
    type: "DATA",
    streamId: 1,
    endStream: true,
    data: Buffer.alloc(size, 7),
  });
  const decoder = new FrameDecoder({ maxFrameSize: size });
  let frames = 0;
  for (let i = 0; i < wire.length; i++) {
    decoder.push(wire.subarray(i, i + 1));
    const r = decoder.next();
    if (r.kind === "frame") frames++;
    else if (r.kind === "error") throw new Error(r.error.reason);
  }
  expect(frames).toBe(1);
  expectTrue(
    decoder.bytesCopied <= wire.length,
    `copied ${decoder.bytesCopied} of ${wire.length} bytes`,
    {
      rule: "each byte is copied at most once, however the peer chunks its writes",
      book: BOOK,
    },
  );
});

test("frames inside one chunk are views, not copies", () => {
  const one = encodeFrame({ type: "PING", streamId: 0, ack: false, opaque: new Uint8Array(8) });
  const decoder = new FrameDecoder();
  decoder.push(Buffer.concat(Array.from({ length: 100 }, () => one)));
  for (let r = decoder.next(); r.kind !== "incomplete"; r = decoder.next())
    expect(r.kind).toBe("frame");
  expect(decoder.bytesCopied).toBe(0);
});

test("ByteQueue.take joins across chunks and skip drops without copying", () => {
  const q = new ByteQueue();
  for (const s of ["ab", "cde", "f", "ghij"]) q.push(Buffer.from(s));
  expect(Buffer.from(q.take(1)).toString()).toBe("a");
  expect(Buffer.from(q.take(4)).toString()).toBe("bcde");
  expect(q.skip(2)).toBe(2);
  expect(Buffer.from(q.take(3)).toString()).toBe("hij");
  expect(q.length).toBe(0);
  expect(q.copied).toBe(4);
});
