/**
 * The static table and the Huffman code are generated from the RFC's
 * text; this test runs the generator again and compares, so a hand edit
 * of a generated file (or a stale one) fails here.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { STATIC_TABLE } from "#ch12/static-table.ts";
import { HUFFMAN_CODE } from "#ch12/huffman-code.ts";
import { renderAll } from "../../tools/generate/hpack-tables.ts";

test("solutions/12-hpack's generated tables match tools/generate/hpack-tables.ts", () => {
  for (const { file, text } of renderAll()) {
    expect(
      readFileSync(file, "utf8"),
      `${file} is stale: npx tsx tools/generate/hpack-tables.ts`,
    ).toBe(text);
  }
});

test("the tables have the RFC's shape: 61 static entries, 257 Huffman codes", () => {
  expect(STATIC_TABLE).toHaveLength(61);
  expect(STATIC_TABLE[1]).toEqual([":method", "GET"]);
  expect(STATIC_TABLE[60]).toEqual(["www-authenticate", ""]);
  expect(HUFFMAN_CODE).toHaveLength(257);
  expect(HUFFMAN_CODE[256]).toEqual([0x3fffffff, 30]);
});
