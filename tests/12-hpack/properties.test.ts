/**
 * Property tests (fast-check, bounded runs): header lists encoded by one
 * encoder and decoded by one decoder, block after block, with table size
 * changes between them, come back unchanged; any bytes at all get an
 * answer, never an exception.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ByteWriter } from "#ch12/byte-writer.ts";
import { HpackDecoder } from "#ch12/hpack-decoder.ts";
import { HpackEncoder } from "#ch12/hpack-encoder.ts";
import { huffmanDecode, huffmanEncode } from "#ch12/huffman.ts";

const RUNS = { numRuns: 200, seed: 2026 } as const;

const latin1 = fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString("latin1"));
/** Names from a small pool so that tables fill, hit and evict. */
const name = fc.oneof(
  fc.constantFrom(
    ":path",
    ":authority",
    "cookie",
    "authorization",
    "accept",
    "x-a",
    "x-b",
    "set-cookie",
  ),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
);
const value = fc.oneof(fc.constantFrom("", "GET", "/", "gzip, deflate", "no-cache"), latin1);
const headerList = fc.array(fc.tuple(name, value), { maxLength: 12 });
const step = fc.oneof(
  { weight: 5, arbitrary: headerList.map((fields) => ({ fields })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 4096 }).map((size) => ({ size })) },
);

describe("encode then decode", () => {
  test("a shared table stays in step across blocks and size changes", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 10 }), fc.boolean(), (steps, huffman) => {
        const encoder = new HpackEncoder({ huffman });
        const decoder = new HpackDecoder();
        for (const s of steps) {
          if ("size" in s) {
            decoder.setMaxTableSize(s.size);
            encoder.setMaxTableSize(s.size);
            continue;
          }
          const result = decoder.decode(encoder.encode(s.fields));
          expect(result).toMatchObject({ kind: "fields", fields: s.fields });
          expect(decoder.tableSize).toBe(encoder.tableSize);
        }
      }),
      RUNS,
    );
  });

  test("Huffman: any bytes round-trip", () => {
    fc.assert(
      fc.property(latin1, (text) => {
        const out = new ByteWriter();
        huffmanEncode(out, text);
        const back = huffmanDecode(out.take());
        expect(back.ok && Buffer.from(back.value).toString("latin1")).toBe(text);
      }),
      RUNS,
    );
  });
});

describe("on arbitrary bytes", () => {
  test("the decoder never throws: fields, too-large or COMPRESSION_ERROR", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 4 }), (blocks) => {
        const decoder = new HpackDecoder({ maxHeaderListSize: 512 });
        for (const block of blocks) {
          const r = decoder.decode(block);
          if (r.kind === "error") expect(r.error.code).toBe("COMPRESSION_ERROR");
        }
      }),
      RUNS,
    );
  });
});
