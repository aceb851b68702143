/**
 * Chunked responses (RFC 9112 §7.1) from the encoding side, and the
 * property that ties both sides together: whatever pieces a handler
 * yields, encoding then decoding at any split gives back the same bytes.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { chunkedFramer, encodeChunk, encodeLastChunk } from "#ch04/chunk-encoder.ts";
import { ChunkedDecoder } from "#ch04/chunked-decoder.ts";
import { expectBytes } from "#testing/wire.ts";
import { drive } from "./decode.ts";

const BOOK = "chapters/04-bodies-and-chunking.md#chunked-responses";
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString("latin1");

describe("encodeChunk", () => {
  test.each([
    ["a", "1\r\na\r\n"],
    ["x".repeat(26), `1a\r\n${"x".repeat(26)}\r\n`],
    ["y".repeat(4096), `1000\r\n${"y".repeat(4096)}\r\n`],
  ])("%s", (data, wire) => {
    expectBytes(encodeChunk(Buffer.from(data)), wire, {
      rule: "RFC 9112 §7.1: chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF, size in hex",
      book: BOOK,
    });
  });

  test("an empty piece is no bytes: a zero-size chunk would end the body", () => {
    expectBytes(encodeChunk(new Uint8Array(0)), "", {
      rule: 'RFC 9112 §7.1: last-chunk = 1*("0") [ chunk-ext ] CRLF',
      book: BOOK,
    });
  });
});

describe("encodeLastChunk", () => {
  test("no trailers: 0 CRLF CRLF", () => {
    expectBytes(encodeLastChunk(undefined), "0\r\n\r\n", { book: BOOK });
  });

  test("trailers follow the last-chunk; prohibited and unsafe ones are dropped", () => {
    const got = encodeLastChunk([
      ["Server-Timing", "db;dur=53"],
      ["content-length", "5"],
      ["x-split", "a\r\nInjected: yes"],
      ["bad name", "x"],
      ["x-sum", "abc"],
    ]);
    expectBytes(got, "0\r\nserver-timing: db;dur=53\r\nx-sum: abc\r\n\r\n", {
      rule: "RFC 9110 §6.5.1: framing fields must not be trailers; RFC 9110 §5.5: no CR/LF in values",
      book: BOOK,
    });
  });
});

describe("chunkedFramer", () => {
  const response = { status: 200 };
  test("HTTP/1.1: transfer-encoding: chunked", () => {
    const framing = chunkedFramer({ method: "GET", version: "HTTP/1.1" }, response);
    expect(framing?.headers).toEqual([["transfer-encoding", "chunked"]]);
  });
  test("HTTP/1.0: undefined, so the body is close-delimited (RFC 9112 §6.1)", () => {
    expect(chunkedFramer({ method: "GET", version: "HTTP/1.0" }, response)).toBeUndefined();
  });
});

describe("property: decode(encode(pieces)) is the concatenation", () => {
  test("for random pieces, trailers and random cuts of the wire", () => {
    const piece = fc.uint8Array({ maxLength: 300 });
    const trailer = fc.tuple(
      fc.constantFrom("x-a", "digest", "x-checksum"),
      fc.stringMatching(/^[!-~]([ -~]{0,20}[!-~])?$/),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 8 }),
        fc.array(trailer, { maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (pieces, trailers, cuts) => {
          const wire = Buffer.concat([...pieces.map(encodeChunk), encodeLastChunk(trailers)]);
          const points = [...new Set(cuts.map((c) => c % (wire.length + 1)))].sort((a, b) => a - b);
          const parts = [0, ...points, wire.length]
            .slice(1)
            .map((end, i, ends) => wire.subarray(i === 0 ? 0 : (ends[i - 1] as number), end));
          const got = drive(new ChunkedDecoder(), [...parts, Buffer.from("NEXT")]);
          expect(got.kind).toBe("done");
          if (got.kind !== "done") return;
          expect(got.body).toBe(text(Buffer.concat(pieces)));
          expect(got.rest).toBe("NEXT");
          expect(got.trailers).toEqual(trailers);
        },
      ),
      { numRuns: 300 },
    );
  });
});
