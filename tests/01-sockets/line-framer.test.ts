/**
 * The line framer, fed the way TCP feeds it: whole, split at every byte
 * boundary, and one byte at a time. Whatever the chunking, the lines are
 * the same (RFC 9293 §2.2: TCP is a byte stream; segment boundaries carry no meaning).
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  exceedsLineLimit,
  type FrameResult,
  LineFramer,
  takeLines,
  trimLineEnding,
} from "#ch01/line-framer.ts";
import { everyByte, everySplit } from "#testing/raw-client.ts";
import { expectBytes, expectTrue, type Lesson } from "#testing/wire.ts";

const FRAMING: Lesson = {
  rule: "A line ends at LF; bytes after the last LF wait for the next chunk (RFC 9293 §2.2: TCP is a byte stream, with no message boundaries).",
  book: "chapters/01-sockets.md#framing-by-delimiter",
  curl: "(printf 'hel'; sleep 1; printf 'lo\\n') | nc -N 127.0.0.1 8080",
};
const LIMITS: Lesson = {
  rule: "Every limit is named: a line longer than maxLineBytes (ending not counted) is refused, even before its LF arrives.",
  book: "chapters/01-sockets.md#limits-and-timeouts",
};

/** Lines rendered one per bracket, so CR and LF stay visible. */
const show = (lines: readonly Uint8Array[]): string =>
  lines.map((l) => `[${Buffer.from(l).toString("latin1")}]`).join("");

/** Push every chunk; collect lines, the final tail, and the first error. */
function frame(chunks: readonly Uint8Array[], maxLineBytes = 1024) {
  const framer = new LineFramer({ maxLineBytes });
  const lines: Buffer[] = [];
  let error: FrameResult | undefined;
  for (const chunk of chunks) {
    const result = framer.push(chunk);
    lines.push(...result.lines);
    if (result.kind === "error") {
      error = result;
      break;
    }
  }
  return { lines, tail: framer.finish() ?? Buffer.alloc(0), error };
}

const CASES: readonly { name: string; input: string; lines: string[]; rest: string }[] = [
  { name: "one LF line", input: "hello\n", lines: ["hello\n"], rest: "" },
  { name: "CRLF then LF", input: "a\r\nb\n", lines: ["a\r\n", "b\n"], rest: "" },
  { name: "a tail without LF waits", input: "a\nbc", lines: ["a\n"], rest: "bc" },
  { name: "an empty line is a line", input: "\n\n", lines: ["\n", "\n"], rest: "" },
  { name: "a CR inside a line is data", input: "a\rb\n", lines: ["a\rb\n"], rest: "" },
  { name: "no LF at all", input: "no newline", lines: [], rest: "no newline" },
  { name: "nothing", input: "", lines: [], rest: "" },
];

describe("LineFramer finds lines however the stream is cut", () => {
  for (const c of CASES) {
    test(`${c.name}: whole, split at every boundary, byte by byte`, () => {
      const ways = [[Buffer.from(c.input, "latin1")], ...everySplit(c.input), everyByte(c.input)];
      for (const chunks of ways) {
        const got = frame(chunks);
        const lesson = { ...FRAMING, sent: c.input };
        const cut = chunks.map((b) => b.toString("latin1")).join("|");
        expectBytes(
          show(got.lines),
          show(c.lines.map((l) => Buffer.from(l, "latin1"))),
          lesson,
          `Lines for chunks ${JSON.stringify(cut)}`,
        );
        expectBytes(got.tail, c.rest, lesson, `Tail for chunks ${JSON.stringify(cut)}`);
      }
    });
  }
});

describe("trimLineEnding drops LF, then one CR (RFC 9112 §2.2)", () => {
  const table: readonly [string, string][] = [
    ["hi\r\n", "hi"],
    ["hi\n", "hi"],
    ["hi", "hi"],
    ["hi\r", "hi"],
    ["\r\n", ""],
    ["", ""],
    ["hi\n\n", "hi\n"],
    ["hi\r\r\n", "hi\r"],
    ["a\rb\n", "a\rb"],
  ];
  for (const [line, text] of table) {
    test(`${JSON.stringify(line)} → ${JSON.stringify(text)}`, () => {
      const rule = "Drop a final LF and a CR just before it; nothing else.";
      expectBytes(trimLineEnding(Buffer.from(line, "latin1")), text, {
        ...FRAMING,
        rule,
        sent: line,
      });
    });
  }
});

describe("exceedsLineLimit measures the text, not the ending", () => {
  const table: readonly [string, boolean][] = [
    ["abcd", false],
    ["abcde", true],
    ["abcd\r", false],
    ["abcd\r\n", false],
    ["abcd\n", false],
    ["abcde\n", true],
    ["abcde\r\n", true],
    ["", false],
  ];
  for (const [bytes, over] of table) {
    test(`limit 4: ${JSON.stringify(bytes)} is ${over ? "too long" : "fine"}`, () => {
      const got = exceedsLineLimit(Buffer.from(bytes, "latin1"), 4);
      expectTrue(got === over, `exceedsLineLimit(${JSON.stringify(bytes)}, 4) returned ${got}`, {
        ...LIMITS,
        sent: bytes,
      });
    });
  }
});

describe("takeLines", () => {
  test("starts the search at scanFrom: bytes before it were scanned already (linear)", () => {
    // The caller promises "ab\n" holds no LF; a framer that rescans would
    // find one. Trusting the promise is what makes framing linear.
    const result = takeLines(Buffer.from("ab\ncd\n"), 3, 100);
    expectBytes(show(result.lines), show([Buffer.from("ab\ncd\n")]), {
      ...FRAMING,
      rule: "Search for LF from scanFrom, not from 0: never rescan a byte.",
    });
  });

  test("returns views of the lines and the rest", () => {
    const result = takeLines(Buffer.from("a\r\nb\nrest"), 0, 100);
    expect(result.kind).toBe("lines");
    if (result.kind !== "lines") return;
    expectBytes(show(result.lines), "[a\r\n][b\n]", FRAMING);
    expectBytes(result.rest, "rest", FRAMING, "Rest");
  });

  test("keeps the lines before an overlong one", () => {
    const result = takeLines(Buffer.from("ok\ntoo long\n"), 0, 4);
    expect(result.kind).toBe("error");
    expectBytes(show(result.lines), "[ok\n]", LIMITS);
  });
});

describe("limits: a line may not grow without bound", () => {
  test("a line of exactly maxLineBytes passes at every split, with CRLF", () => {
    for (const chunks of [...everySplit("12345678\r\n"), everyByte("12345678\r\n")]) {
      const got = frame(chunks, 8);
      expectTrue(got.error === undefined, "an 8-byte line was refused with limit 8", LIMITS);
      expectBytes(show(got.lines), "[12345678\r\n]", LIMITS);
    }
  });

  test("a line of maxLineBytes + 1 is refused at every split", () => {
    for (const chunks of [...everySplit("123456789\n"), everyByte("123456789\n")]) {
      const got = frame(chunks, 8);
      expectTrue(got.error?.kind === "error", "a 9-byte line passed with limit 8", LIMITS);
      expect(got.error).toMatchObject({ code: "line-too-long", limit: 8 });
    }
  });

  test("a peer that never sends LF is stopped at the limit (memory exhaustion)", () => {
    const framer = new LineFramer({ maxLineBytes: 64 });
    let pushes = 0;
    let result: FrameResult = { kind: "lines", lines: [] };
    while (result.kind === "lines" && pushes < 10_000) {
      result = framer.push(Buffer.from("x"));
      pushes++;
      expectTrue(framer.pendingBytes <= 65, `held ${framer.pendingBytes} bytes`, LIMITS);
    }
    expectTrue(pushes === 65, `refused after ${pushes} bytes; expected 65`, LIMITS);
  });

  test("stays failed after an error: no framing past a refused line", () => {
    const framer = new LineFramer({ maxLineBytes: 2 });
    expect(framer.push(Buffer.from("long\n")).kind).toBe("error");
    expect(framer.push(Buffer.from("ok\n"))).toMatchObject({ kind: "error", lines: [] });
  });

  test("refuses a limit that is not a positive integer", () => {
    expect(() => new LineFramer({ maxLineBytes: 0 })).toThrow(RangeError);
    expect(() => new LineFramer({ maxLineBytes: 1.5 })).toThrow(RangeError);
  });
});

/** Bytes rich in LF and CR, cut into random chunks. */
const streams = fc.array(
  fc
    .uint8Array({ maxLength: 24 })
    .map((a) => Buffer.from(a.map((b) => [0x0a, 0x0d, 0x61][b % 3] as number))),
  { maxLength: 12 },
);

describe("properties (fast-check, bounded)", () => {
  test("lines + tail reproduce the stream exactly; each line has one LF, at its end", () => {
    fc.assert(
      fc.property(streams, (chunks) => {
        const got = frame(chunks);
        expectBytes(Buffer.concat([...got.lines, got.tail]), Buffer.concat(chunks), FRAMING);
        for (const line of got.lines) expect(line.indexOf(0x0a)).toBe(line.length - 1);
        expect(got.tail.includes(0x0a)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  test("chunking never changes the lines or where the limit bites", () => {
    fc.assert(
      fc.property(streams, fc.integer({ min: 1, max: 6 }), (chunks, limit) => {
        const cut = frame(chunks, limit);
        const whole = frame([Buffer.concat(chunks)], limit);
        expectBytes(show(cut.lines), show(whole.lines), LIMITS);
        expect(cut.error?.kind).toBe(whole.error?.kind);
      }),
      { numRuns: 300 },
    );
  });
});
