import zlib from "node:zlib";
import fc from "fast-check";
import { test } from "vitest";
import { parseAcceptEncoding } from "#ch08/accept-encoding.ts";
import { compressStream } from "#ch08/compress-stream.ts";
import { chooseEncoding } from "#ch08/negotiate.ts";
import { expectBytes, expectTrue } from "#testing/wire.ts";
import { NEGOTIATION, STREAMING } from "./lessons.ts";

const RUNS = { numRuns: 60 };

async function* from(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield c;
}

test("property: gunzip(compressStream(chunks)) = concat(chunks), any chunking", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.uint8Array({ maxLength: 2048 }), { maxLength: 12 }),
      async (chunks) => {
        const parts: Uint8Array[] = [];
        for await (const p of compressStream(from(chunks), () => zlib.createGzip())) parts.push(p);
        expectBytes(
          zlib.gunzipSync(Buffer.concat(parts)),
          Buffer.concat(chunks),
          STREAMING,
          "round trip",
        );
      },
    ),
    RUNS,
  );
});

const coding = fc.constantFrom("br", "gzip", "deflate", "identity", "*", "zstd", "compress");
const qvalue = fc.integer({ min: 0, max: 1000 });
const element = fc.record({ coding, q: qvalue });

/** How a client might write the weight: q=0.5, Q=0.500, or none for 1. */
function written(e: { coding: string; q: number }, style: number): string {
  if (e.q === 1000 && style === 0) return e.coding;
  const q = (e.q / 1000).toFixed(3).replace(/\.?0+$/, "") || "0";
  return `${e.coding}${style === 1 ? " ; " : ";"}${style === 2 ? "Q" : "q"}=${q}`;
}

test("property: any well-formed list parses back to what was written", () => {
  fc.assert(
    fc.property(
      fc.array(element, { maxLength: 6 }),
      fc.integer({ min: 0, max: 2 }),
      (list, style) => {
        const parsed = parseAcceptEncoding(list.map((e) => written(e, style)).join(", "));
        const ok =
          parsed.kind === "ok" &&
          parsed.preferences.length === list.length &&
          parsed.preferences.every((p, i) => p.coding === list[i]?.coding && p.q === list[i]?.q);
        expectTrue(
          ok,
          `wrote ${JSON.stringify(list)}, parsed ${JSON.stringify(parsed)}`,
          NEGOTIATION,
        );
      },
    ),
    RUNS,
  );
});

test("property: the chosen coding is never one the client gave q=0", () => {
  fc.assert(
    fc.property(fc.array(element, { maxLength: 6 }), (list) => {
      const choice = chooseEncoding(list);
      if (choice.kind !== "coding") return;
      const named = list.find((e) => e.coding === choice.coding);
      const weight = named?.q ?? list.find((e) => e.coding === "*")?.q ?? 0;
      expectTrue(weight > 0, `chose ${choice.coding} for ${JSON.stringify(list)}`, NEGOTIATION);
    }),
    RUNS,
  );
});
