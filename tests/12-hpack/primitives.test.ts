/**
 * Integers, strings and Huffman (RFC 7541 §5), including the malformed
 * inputs a strict decoder must refuse.
 */
import { describe, expect, test } from "vitest";
import { ByteWriter } from "#ch12/byte-writer.ts";
import { huffmanDecode, huffmanEncode, huffmanLength } from "#ch12/huffman.ts";
import { decodeInteger, encodeInteger } from "#ch12/integer.ts";
import { decodeString, encodeString } from "#ch12/string-literal.ts";
import { expectBytes } from "#testing/wire.ts";
import { hex } from "./examples.ts";

const BOOK = "chapters/12-hpack.md";

describe("integers (§5.1)", () => {
  test.each([1, 4, 5, 6, 7, 8])("round-trip at the boundaries with a %i-bit prefix", (prefix) => {
    const max = 2 ** prefix - 1;
    for (const value of [0, max - 1, max, max + 1, max + 127, max + 128, 2 ** 21, 0xffffffff]) {
      const out = new ByteWriter();
      encodeInteger(out, value, prefix, 0);
      const bytes = out.take();
      expect(decodeInteger(bytes, 0, prefix)).toEqual({
        ok: true,
        value: { value, next: bytes.length },
      });
    }
  });

  test("keeps the flag bits above the prefix", () => {
    const out = new ByteWriter();
    encodeInteger(out, 1337, 5, 0xe0);
    expectBytes(out.take(), hex("ff9a0a"), { rule: "RFC 7541 §5.1", book: `${BOOK}#integers` });
  });

  test("an integer cut off by the end of the block is COMPRESSION_ERROR", () => {
    expect(decodeInteger(hex("1f9a"), 0, 5)).toMatchObject({
      ok: false,
      error: { code: "COMPRESSION_ERROR" },
    });
  });

  test("an integer beyond 2^32 - 1 is refused, however many bytes it takes", () => {
    expect(decodeInteger(hex("1f ffffffff7f"), 0, 5)).toMatchObject({ ok: false });
    const endless = Buffer.concat([hex("1f"), Buffer.alloc(100_000, 0xff)]);
    expect(decodeInteger(endless, 0, 5)).toMatchObject({ ok: false });
  });
});

describe("Huffman (§5.2, Appendix B)", () => {
  test("every byte value survives a round trip", () => {
    const text = Buffer.from(Array.from({ length: 256 }, (_, i) => i)).toString("latin1");
    const out = new ByteWriter();
    huffmanEncode(out, text);
    const bytes = out.take();
    expect(bytes.length).toBe(huffmanLength(text));
    const back = huffmanDecode(bytes);
    expect(back.ok && Buffer.from(back.value).toString("latin1")).toBe(text);
  });

  test("www.example.com is the RFC's f1e3c2e5f23a6ba0ab90f4ff (C.4.1)", () => {
    const out = new ByteWriter();
    huffmanEncode(out, "www.example.com");
    expectBytes(out.take(), hex("f1e3c2e5f23a6ba0ab90f4ff"), {
      rule: "RFC 7541 C.4.1",
      book: `${BOOK}#huffman-coding`,
    });
  });

  test.each([
    ["padding of more than 7 bits ('a' then a whole byte of ones)", "1fff"],
    ["padding that is not a prefix of EOS ('a' then 000)", "18"],
    ["EOS inside the string (30 ones)", "ffffffff"],
  ])("refuses %s", (_name, wire) => {
    expect(huffmanDecode(hex(wire))).toMatchObject({
      ok: false,
      error: { code: "COMPRESSION_ERROR", scope: "connection" },
    });
  });

  test("accepts 'a' padded with 3 ones", () => {
    const r = huffmanDecode(hex("1f"));
    expect(r.ok && Buffer.from(r.value).toString()).toBe("a");
  });
});

describe("string literals (§5.2)", () => {
  test("picks Huffman only when it is shorter", () => {
    const out = new ByteWriter();
    encodeString(out, "no-cache", true);
    expectBytes(out.take(), hex("86a8eb10649cbf"), {
      rule: "RFC 7541 C.4.2",
      book: `${BOOK}#huffman-coding`,
    });
    encodeString(out, "\x00\x01", true); // rare bytes: Huffman would be longer
    expectBytes(out.take(), hex("020001"), {
      rule: "RFC 7541 §5.2",
      book: `${BOOK}#huffman-coding`,
    });
  });

  test("a length beyond the block is COMPRESSION_ERROR, not a read past the end", () => {
    expect(decodeString(hex("05 6162"), 0, 100)).toMatchObject({ ok: false });
  });

  test("an oversize literal is refused from its length alone", () => {
    // claims 2^28 bytes; nothing is allocated for it
    expect(decodeString(hex("7f 81ffff7f"), 0, 65_536)).toMatchObject({
      ok: false,
      error: { code: "COMPRESSION_ERROR" },
    });
  });

  test("a Huffman string that decodes beyond maxLength is refused", () => {
    const out = new ByteWriter();
    encodeString(out, "0".repeat(80), true); // 50 bytes on the wire, 80 decoded
    expect(decodeString(out.take(), 0, 60)).toMatchObject({ ok: false });
  });
});
