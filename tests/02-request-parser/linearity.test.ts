/**
 * Linearity, proven by counting work rather than timing it: fed one byte at
 * a time, the parser may search each new byte twice (for the LF that ends a
 * line, and for a bare CR to refuse at once) and never again. Rescanning the held bytes
 * on every push would make a 16 KiB head cost about 134 million steps; a
 * slow client could buy that with one connection. (Time is measured only by
 * parseHeadBenchmark, for `npm run bench`.)
 */
import { describe, test } from "vitest";
import { sampleHead } from "#ch02/benchmark.ts";
import { RequestHeadParser } from "#ch02/request-head-parser.ts";
import { expectTrue } from "#testing/wire.ts";

const BOOK = "chapters/02-request-parser.md#incremental-parsing";
const SIZES = [1024, 4096, 16 * 1024 - 64];

/** Push `head` in pieces of `size` bytes; return the final result kind. */
function pushAll(parser: RequestHeadParser, head: Buffer, size: number): string {
  let kind = "incomplete";
  for (let i = 0; i < head.length && kind === "incomplete"; i += size) {
    kind = parser.push(head.subarray(i, i + size)).kind;
  }
  return kind;
}

/** Counts bytes examined by every Buffer#indexOf call while `run` runs. */
function countIndexOfWork(run: () => void): number {
  const proto = Buffer.prototype;
  const original = proto.indexOf;
  let work = 0;
  proto.indexOf = function (this: Buffer, ...args: Parameters<Buffer["indexOf"]>): number {
    const found = original.apply(this, args);
    const from = typeof args[1] === "number" ? args[1] : 0;
    work += (found < 0 ? this.length : found + 1) - from;
    return found;
  };
  try {
    run();
  } finally {
    proto.indexOf = original;
  }
  return work;
}

describe("the parser is linear in the bytes pushed", () => {
  test.each(SIZES)("a %i-byte head fed one byte at a time is scanned once", (size) => {
    const head = sampleHead(size);
    const parser = new RequestHeadParser({ maxHeaderCount: 1000 });
    let kind = "";
    const work = countIndexOfWork(() => {
      kind = pushAll(parser, head, 1);
    });
    expectTrue(kind === "done", `expected the head to parse, got ${kind}`, { book: BOOK });
    for (const [what, count] of [
      ["bytesScanned", parser.bytesScanned],
      ["bytes searched by indexOf", work],
    ] as const) {
      expectTrue(
        count <= 2 * head.length,
        `${what}: ${count} for a ${head.length}-byte head (${(count / head.length).toFixed(1)}× the input)`,
        {
          rule: "search only the new bytes, once for LF and once for a bare CR; never rescan what is held",
          book: BOOK,
        },
      );
    }
  });

  test("work per byte stays flat as one long line grows (1 KiB vs 12 KiB cookie)", () => {
    const perByte = [1024, 12 * 1024].map((size) => {
      const head = Buffer.from(`GET / HTTP/1.1\r\nHost: a\r\nCookie: ${"c".repeat(size)}\r\n\r\n`);
      const work = countIndexOfWork(() => pushAll(new RequestHeadParser(), head, 1));
      return work / head.length;
    });
    const [small = 0, large = 0] = perByte;
    expectTrue(large <= 2 && small <= 2, `indexOf work per byte ${small} → ${large}`, {
      rule: "linear: the cost of one more byte does not depend on how many came before",
      book: BOOK,
    });
  });
});
