/**
 * The chunk-size line and its extensions (RFC 9112 §7.1, §7.1.1), as pure
 * functions: the grammar accepted exactly, overflow refused.
 */
import { describe, expect, test } from "vitest";
import { DEFAULT_BODY_LIMITS } from "#ch04/body-limits.ts";
import { parseChunkExtensions } from "#ch04/chunk-extensions.ts";
import { parseChunkSizeLine } from "#ch04/chunk-size-line.ts";
import { expectTrue } from "#testing/wire.ts";

const BOOK = "chapters/04-bodies-and-chunking.md#the-chunked-coding-byte-by-byte";

describe("parseChunkSizeLine", () => {
  test.each([
    ["0", 0],
    ["1", 1],
    ["a", 10],
    ["F", 15],
    ["1f", 31],
    ["00ff", 255],
    ["1fffffffffffff", Number.MAX_SAFE_INTEGER],
    ["10;x=y", 16],
  ])("%s is %d (hex, case-insensitive)", (line, size) => {
    const got = parseChunkSizeLine(line, DEFAULT_BODY_LIMITS);
    expectTrue(got.ok && got.size === size, `expected size ${size}; got ${JSON.stringify(got)}`, {
      rule: "RFC 9112 §7.1: chunk-size = 1*HEXDIG",
      book: BOOK,
      sent: line,
    });
  });

  test.each([
    ["", "CHUNK_SIZE_INVALID"],
    ["g", "CHUNK_SIZE_INVALID"],
    ["+5", "CHUNK_SIZE_INVALID"],
    ["20000000000000", "CHUNK_SIZE_TOO_LARGE"],
    ["ffffffffffffffff", "CHUNK_SIZE_TOO_LARGE"],
    ["00000000000000001", "CHUNK_SIZE_TOO_LARGE"],
    ["5 ", "CHUNK_EXTENSION_INVALID"],
    ["5;", "CHUNK_EXTENSION_INVALID"],
  ])("%j is refused: %s", (line, code) => {
    const got = parseChunkSizeLine(line, DEFAULT_BODY_LIMITS);
    expectTrue(!got.ok && got.error.code === code, `expected ${code}; got ${JSON.stringify(got)}`, {
      rule: "RFC 9112 §7.1: recipients MUST prevent integer overflow and precision loss",
      book: BOOK,
      sent: line,
    });
  });

  test("extensions over the limit are refused before they are parsed", () => {
    const limits = { ...DEFAULT_BODY_LIMITS, maxChunkExtensionBytes: 8 };
    expect(parseChunkSizeLine("1;a=bcdefg", limits).ok).toBe(false);
    expect(parseChunkSizeLine("1;a=bcdef", limits).ok).toBe(true);
  });
});

describe("parseChunkExtensions (RFC 9112 §7.1.1)", () => {
  test.each([
    ["", []],
    [";a", [["a", undefined]]],
    [";A=B", [["a", "B"]]],
    [
      " ; a = b ;c",
      [
        ["a", "b"],
        ["c", undefined],
      ],
    ],
    [';q="x;y\\"z"', [["q", '"x;y\\"z"']]],
    [";\ta=\tb", [["a", "b"]]],
  ])("%j", (text, expected) => {
    expect(parseChunkExtensions(text)).toEqual(expected);
  });

  test.each([
    [" ", "trailing whitespace is not BWS before ';'"],
    [";", "a name is required"],
    [";a=", "a value after '=' is required"],
    [";a b", "two tokens without ';'"],
    [';a="x', "unterminated quoted-string"],
    [';a="\x7f"', "DEL inside quoted-string"],
    [";a=b\r\n", "CR or LF inside the line"],
    [";a@=b", "'@' is not a tchar"],
  ])("%j is refused: %s", (text) => {
    expect(parseChunkExtensions(text)).toBeUndefined();
  });
});
