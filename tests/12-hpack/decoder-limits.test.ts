/**
 * The decoder's defences: malformed blocks are COMPRESSION_ERROR, table
 * size updates obey §4.2, and an HPACK bomb cannot make it hold more than
 * the header list limit.
 */
import { describe, expect, test } from "vitest";
import { HpackDecoder } from "#ch12/hpack-decoder.ts";
import { HpackEncoder } from "#ch12/hpack-encoder.ts";
import { expectTrue } from "#testing/wire.ts";
import { hex } from "./examples.ts";

const BOOK = "chapters/12-hpack.md";
const COMPRESSION = { kind: "error", error: { code: "COMPRESSION_ERROR", scope: "connection" } };

describe("malformed blocks (COMPRESSION_ERROR, RFC 9113 §4.3)", () => {
  test.each([
    ["index 0 (§6.1)", "80"],
    ["an index past the end of both tables (§2.3.3)", "be"],
    ["a name index past the end (§6.2.1)", "7f00 0161"],
    ["a literal cut off by the end of the block", "400a 6375"],
    ["a block that ends inside an integer", "ff"],
    ["a table size update after a field (§4.2)", "82 3f e1 1f"],
    ["a table size update above SETTINGS_HEADER_TABLE_SIZE (§6.3)", "3f e2 1f"],
  ])("%s", (_name, wire) => {
    expect(new HpackDecoder().decode(hex(wire))).toMatchObject(COMPRESSION);
  });

  test("an error is final: the table can no longer be trusted", () => {
    const d = new HpackDecoder();
    d.decode(hex("80"));
    expect(d.decode(hex("82"))).toMatchObject(COMPRESSION);
  });
});

describe("table size updates (§4.2, §6.3)", () => {
  test("two updates at the start of a block are accepted; the table shrinks", () => {
    const d = new HpackDecoder();
    d.decode(hex("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"));
    expect(d.tableSize).toBe(55);
    expect(d.decode(hex("20 3f e1 1f 82"))).toEqual({
      kind: "fields",
      fields: [[":method", "GET"]],
      neverIndexed: [],
    });
    expect(d.tableSize).toBe(0);
  });

  test("after we lower SETTINGS_HEADER_TABLE_SIZE, the next block must start with an update", () => {
    const d = new HpackDecoder();
    d.setMaxTableSize(1024);
    expect(d.decode(hex("82"))).toMatchObject(COMPRESSION);
    const ok = new HpackDecoder();
    ok.setMaxTableSize(1024);
    expect(ok.decode(hex("3f e1 07 82")).kind).toBe("fields"); // update to 1024
  });
});

describe("limits: bounded memory", () => {
  test("a header list over maxHeaderListSize is decoded but reported too large", () => {
    const encoder = new HpackEncoder();
    const fields = ["x-a", "x-b", "x-c"].map((n): [string, string] => [n, "v".repeat(400)]);
    const d = new HpackDecoder({ maxHeaderListSize: 1000 });
    expect(d.decode(encoder.encode(fields))).toEqual({ kind: "too-large", size: 3 * 435 });
    // the table stayed in step: the same list again is three indexes, and a
    // short list after it decodes normally
    expect(d.decode(encoder.encode(fields))).toEqual({ kind: "too-large", size: 3 * 435 });
    expect(d.decode(encoder.encode(fields.slice(0, 2)))).toMatchObject({ kind: "fields" });
  });

  test("an HPACK bomb: one 4 KB entry referenced 10,000 times is refused, memory bounded", () => {
    const value = "b".repeat(4000);
    const seed = new HpackEncoder().encode([["x-bomb", value]]); // literal, indexed as 62
    const block = Buffer.concat([seed, Buffer.alloc(10_000, 0xbe)]); // 10 KB claiming 40 MB
    const d = new HpackDecoder({ maxHeaderListSize: 16 * 1024 });
    const before = process.memoryUsage().heapUsed;
    const result = d.decode(block);
    const grew = process.memoryUsage().heapUsed - before;
    expect(result).toMatchObject({ kind: "too-large" });
    expect(result.kind === "too-large" && result.size).toBe(10_001 * (6 + 4000 + 32));
    expectTrue(grew < 8 * 1024 * 1024, `heap grew ${grew} bytes decoding a bomb`, {
      rule: "RFC 9113 §10.5.1: a decoder bounds the header list it keeps",
      book: `${BOOK}#limits-and-attacks`,
    });
  });

  test("one literal longer than the whole header list allowance is COMPRESSION_ERROR", () => {
    const block = new HpackEncoder().encode([["x-big", "a".repeat(2000)]]);
    expect(new HpackDecoder({ maxHeaderListSize: 1000 }).decode(block)).toMatchObject(COMPRESSION);
  });

  test("an oversize literal is COMPRESSION_ERROR from its length alone", () => {
    const d = new HpackDecoder({ maxHeaderListSize: 1024 });
    expect(d.decode(hex("0f2b 7f 81ffff7f"))).toMatchObject(COMPRESSION);
  });
});
