/**
 * RFC 7541 Appendix C, byte for byte: each example's hex dump decodes to
 * its header list and leaves the dynamic table the RFC prints; the
 * request examples (C.2 to C.4) also encode back to the same bytes.
 * Each sequence (C.3, C.4, C.5, C.6) shares one decoder, as one
 * connection would.
 */
import { describe, expect, test } from "vitest";
import { ByteWriter } from "#ch12/byte-writer.ts";
import { HpackDecoder } from "#ch12/hpack-decoder.ts";
import { HpackEncoder } from "#ch12/hpack-encoder.ts";
import { decodeInteger, encodeInteger } from "#ch12/integer.ts";
import { expectBytes } from "#testing/wire.ts";
import { C2, C3, C4, C5, C6, type Example, hex } from "./examples.ts";

const BOOK = "chapters/12-hpack.md";

describe("C.1 integer representation", () => {
  test.each([
    ["C.1.1 10 with a 5-bit prefix", 10, 5, "0a"],
    ["C.1.2 1337 with a 5-bit prefix", 1337, 5, "1f9a0a"],
    ["C.1.3 42 starting at an octet boundary", 42, 8, "2a"],
  ])("%s", (_name, value, prefix, wire) => {
    const out = new ByteWriter();
    encodeInteger(out, value, prefix);
    expectBytes(out.take(), hex(wire), { rule: "RFC 7541 §5.1", book: `${BOOK}#integers` });
    expect(decodeInteger(hex(wire), 0, prefix)).toEqual({
      ok: true,
      value: { value, next: hex(wire).length },
    });
  });
});

function decodeSequence(examples: readonly Example[], maxTableSize = 4096) {
  const decoder = new HpackDecoder({ maxTableSize });
  for (const ex of examples) {
    const result = decoder.decode(hex(ex.wire));
    expect(result, ex.name).toEqual({
      kind: "fields",
      fields: ex.fields,
      neverIndexed: ex.never ?? [],
    });
    expect(decoder.tableEntries, `${ex.name}: dynamic table`).toEqual(ex.table);
    expect(decoder.tableSize, `${ex.name}: table size`).toBe(ex.tableSize);
  }
}

function encodeSequence(examples: readonly Example[], huffman: boolean) {
  const encoder = new HpackEncoder({ huffman });
  for (const ex of examples) {
    const block = encoder.encode(ex.fields, new Set(["password"]));
    expectBytes(block, hex(ex.wire), {
      rule: `RFC 7541 ${ex.name}`,
      book: `${BOOK}#the-encoders-choices`,
    });
    expect(encoder.tableSize).toBe(ex.tableSize);
  }
}

describe("C.2 header field representations (each on a fresh table)", () => {
  test.each(C2.map((ex) => [ex.name, ex] as const))("%s", (_name, ex) => {
    decodeSequence([ex]);
    encodeSequence([ex], false);
  });
});

describe("C.3 requests without Huffman coding", () => {
  test("C.3.1 to C.3.3 decode on one table", () => decodeSequence(C3));
  test("C.3.1 to C.3.3 encode to the same bytes", () => encodeSequence(C3, false));
});

describe("C.4 requests with Huffman coding", () => {
  test("C.4.1 to C.4.3 decode on one table", () => decodeSequence(C4));
  test("C.4.1 to C.4.3 encode to the same bytes", () => encodeSequence(C4, true));
});

describe("C.5 responses without Huffman coding, 256-byte table (evictions)", () => {
  test("C.5.1 to C.5.3 decode on one table", () => decodeSequence(C5, 256));
});

describe("C.6 responses with Huffman coding, 256-byte table (evictions)", () => {
  test("C.6.1 to C.6.3 decode on one table", () => decodeSequence(C6, 256));
});
