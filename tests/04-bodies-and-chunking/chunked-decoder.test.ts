/**
 * The chunked decoder (RFC 9112 §7.1), fed every valid example split at
 * every byte boundary and one byte at a time, and every malformed one
 * refused with its code. Each refusal names the attack it stops.
 */
import { describe, expect, test } from "vitest";
import { ChunkedDecoder } from "#ch04/chunked-decoder.ts";
import { everyByte, everySplit } from "#testing/raw-client.ts";
import { expectTrue } from "#testing/wire.ts";
import { drive } from "./decode.ts";

const NEXT = "GET /next HTTP/1.1\r\nHost: x\r\n\r\n";
const BOOK = "chapters/04-bodies-and-chunking.md#the-decoder-as-a-state-machine";

/** name, wire bytes, decoded body, trailers the handler sees. */
const VALID: readonly [string, string, string, (readonly [string, string])[]][] = [
  ["RFC 9112 §7.1 shape: two chunks", "4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n", "Wikipedia", []],
  ["empty body: last-chunk only", "0\r\n\r\n", "", []],
  [
    "hex size, both cases",
    "a\r\n0123456789\r\nA\r\n0123456789\r\n0\r\n\r\n",
    "0123456789".repeat(2),
    [],
  ],
  ["leading zeros in size and last-chunk", "003\r\nabc\r\n000\r\n\r\n", "abc", []],
  [
    "chunk extensions ignored (§7.1.1)",
    '3;name=val;q="a \\"b\\""\r\nabc\r\n0;end\r\n\r\n',
    "abc",
    [],
  ],
  ["BWS before ';' and around '='", "3 ;  a = b\r\nabc\r\n0\r\n\r\n", "abc", []],
  ["binary data with CRLF inside", "4\r\n\r\n\r\n\r\n0\r\n\r\n", "\r\n\r\n", []],
  [
    "trailer fields kept (§7.1.2)",
    "1\r\nx\r\n0\r\nDigest: sha-256=abc\r\nX-Status: ok\r\n\r\n",
    "x",
    [
      ["digest", "sha-256=abc"],
      ["x-status", "ok"],
    ],
  ],
  [
    "prohibited trailers dropped (RFC 9110 §6.5.1)",
    "1\r\nx\r\n0\r\nContent-Length: 99\r\nHost: evil\r\nX-A: 1\r\n\r\n",
    "x",
    [["x-a", "1"]],
  ],
];

describe("ChunkedDecoder: valid bodies, at every split", () => {
  test.each(VALID)("%s", (_name, body, content, trailers) => {
    const wire = body + NEXT;
    const cuts = [...everySplit(wire).map(([a, b]) => [a, b]), everyByte(wire)];
    for (const pieces of cuts) {
      const got = drive(new ChunkedDecoder(), pieces);
      expectTrue(
        got.kind === "done" && got.body === content && got.rest === NEXT,
        `expected ${JSON.stringify(content)} then the next request; got ${JSON.stringify(got)} for pieces of ${pieces.map((p) => p.length).join("+")} bytes`,
        {
          rule: "RFC 9112 §7.1: chunked-body = *chunk last-chunk trailer-section CRLF",
          book: BOOK,
          sent: wire,
        },
      );
      expect(got.trailers).toEqual(trailers);
    }
  });
});

/** name (the attack or rule), wire bytes, error code, status. */
const INVALID: readonly [string, string, string, number][] = [
  ["no hex digits", "\r\n", "CHUNK_SIZE_INVALID", 400],
  ["negative size", "-1\r\nx\r\n0\r\n\r\n", "CHUNK_SIZE_INVALID", 400],
  ["0x prefix", "0x5\r\nhello\r\n0\r\n\r\n", "CHUNK_EXTENSION_INVALID", 400],
  ["whitespace before size", " 5\r\nhello\r\n0\r\n\r\n", "CHUNK_SIZE_INVALID", 400],
  [
    "trailing whitespace without extension",
    "5 \r\nhello\r\n0\r\n\r\n",
    "CHUNK_EXTENSION_INVALID",
    400,
  ],
  [
    "size overflow: 2^64 wraps to 0 in a 64-bit parser",
    "10000000000000000\r\n",
    "CHUNK_SIZE_TOO_LARGE",
    400,
  ],
  ["size past 2^53 (precision loss)", "20000000000000\r\n", "CHUNK_SIZE_TOO_LARGE", 400],
  [
    "chunk data longer than its size (TE.CL desync)",
    "3\r\nabcd\r\n0\r\n\r\n",
    "CHUNK_DATA_NOT_CRLF",
    400,
  ],
  ["data followed by bare LF", "3\r\nabc\n0\r\n\r\n", "CHUNK_DATA_NOT_CRLF", 400],
  ["bare LF after size (RFC 9112 §2.2)", "3\nabc\r\n0\r\n\r\n", "CHUNK_BARE_LF", 400],
  ["extension without a name", "3;=x\r\nabc\r\n0\r\n\r\n", "CHUNK_EXTENSION_INVALID", 400],
  ["unterminated quoted extension", '3;a="x\r\nabc\r\n0\r\n\r\n', "CHUNK_EXTENSION_INVALID", 400],
  ["control byte in extension", "3;a=\x01\r\nabc\r\n0\r\n\r\n", "CHUNK_EXTENSION_INVALID", 400],
  [
    "huge extension (CVE-2024-22019)",
    `3;a=${"b".repeat(5000)}\r\nabc\r\n0\r\n\r\n`,
    "CHUNK_LINE_TOO_LONG",
    400,
  ],
  ["trailer obs-fold", "0\r\nX-A: 1\r\n continued\r\n\r\n", "TRAILER_INVALID", 400],
  ["trailer without colon", "0\r\nnonsense\r\n\r\n", "TRAILER_INVALID", 400],
  [
    "trailer section too large",
    `0\r\nX-Big: ${"a".repeat(17_000)}\r\n\r\n`,
    "TRAILER_TOO_LARGE",
    431,
  ],
  ["too many trailer fields", `0\r\n${"X-A: 1\r\n".repeat(33)}\r\n`, "TRAILER_TOO_LARGE", 431],
];

describe("ChunkedDecoder: malformed bodies are refused", () => {
  const rows = INVALID.map(([name, wire, code, status]) => [name, code, status, wire] as const);
  test.each(rows)("%s → %s %s", (_name, code, status, wire) => {
    for (const pieces of [[Buffer.from(wire, "latin1")], everyByte(wire)]) {
      const got = drive(new ChunkedDecoder(), pieces);
      expectTrue(
        got.kind === "error" && got.code === code && got.status === status,
        `expected ${status} ${code}; got ${JSON.stringify(got)}`,
        {
          rule: "RFC 9112 §7.1: a chunked body that does not match the grammar cannot be framed",
          book: BOOK,
          sent: wire.slice(0, 200),
        },
      );
    }
  });

  test("a chunk that takes the total past maxBodyBytes: 413 before its data (RFC 9110 §15.5.14)", () => {
    const decoder = new ChunkedDecoder({ maxBodyBytes: 10 });
    const got = drive(decoder, [Buffer.from("6\r\nabcdef\r\n5\r\n")]);
    expect(got).toEqual({ kind: "error", code: "BODY_TOO_LARGE", status: 413 });
    expect(decoder.total).toBe(11);
  });

  test("exactly maxBodyBytes is accepted", () => {
    const got = drive(new ChunkedDecoder({ maxBodyBytes: 6 }), [
      Buffer.from("6\r\nabcdef\r\n0\r\n\r\n"),
    ]);
    expect(got).toMatchObject({ kind: "done", body: "abcdef" });
  });

  test("after an error, every later call repeats it", () => {
    const decoder = new ChunkedDecoder();
    expect(decoder.decode(Buffer.from("zz\r\n")).kind).toBe("error");
    expect(decoder.decode(Buffer.from("0\r\n\r\n")).kind).toBe("error");
    expect(decoder.state).toBe("error");
  });

  test("the size line is refused as soon as it is too long, without its CRLF", () => {
    const decoder = new ChunkedDecoder({ maxChunkExtensionBytes: 16 });
    const got = drive(decoder, [Buffer.from(`1;${"a".repeat(100)}`)]);
    expect(got).toMatchObject({ kind: "error", code: "CHUNK_LINE_TOO_LONG" });
  });
});
