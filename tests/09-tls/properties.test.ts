/**
 * Property tests (fast-check, bounded runs): on any bytes, and on real
 * hellos with bytes flipped, cut or inserted, the reader answers without
 * throwing, with a catalogued code, and the same however it is chunked.
 */
import fc from "fast-check";
import { describe, test } from "vitest";
import { ClientHelloReader, type HelloResult } from "#ch09/client-hello-reader.ts";
import { TLS_ERRORS } from "#ch09/tls-errors.ts";
import { expectTrue } from "#testing/wire.ts";
import { NODE_HELLO, OPENSSL_HELLO } from "./hello-bytes.ts";

const RUNS = { numRuns: 400, seed: 2026 } as const;
const BOOK = "chapters/09-tls.md#strict-errors";

function feed(chunks: readonly Uint8Array[]): HelloResult {
  const reader = new ClientHelloReader();
  let last: HelloResult = { kind: "incomplete" };
  for (const chunk of chunks) last = reader.push(chunk);
  return last;
}

function cut(bytes: Uint8Array, at: readonly number[]): Uint8Array[] {
  const points = [...new Set(at.map((n) => n % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of points) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  out.push(bytes.subarray(from));
  return out;
}

/** A real hello with one byte changed, a slice removed or bytes inserted. */
const mutated = fc
  .tuple(
    fc.constantFrom(NODE_HELLO, OPENSSL_HELLO),
    fc.nat(),
    fc.integer({ min: 0, max: 255 }),
    fc.constantFrom("flip", "drop", "insert"),
  )
  .map(([base, at, byte, how]) => {
    const i = at % base.length;
    if (how === "flip")
      return Buffer.concat([base.subarray(0, i), Buffer.from([byte]), base.subarray(i + 1)]);
    if (how === "drop")
      return Buffer.concat([base.subarray(0, i), base.subarray(i + 1 + (byte % 8))]);
    return Buffer.concat([base.subarray(0, i), Buffer.from([byte, byte]), base.subarray(i)]);
  });

const input = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.concat([Buffer.from([22, 3, 1]), b])),
  mutated,
);

const show = (r: HelloResult): string =>
  r.kind === "error" ? r.error.code : r.kind === "done" ? JSON.stringify(r.hello) : "incomplete";

describe("on arbitrary and mutated bytes", () => {
  test("never throws; errors come from the catalogue; chunking does not matter", () => {
    fc.assert(
      fc.property(input, fc.array(fc.nat(), { maxLength: 6 }), (bytes, at) => {
        let whole: HelloResult;
        let split: HelloResult;
        try {
          whole = feed([bytes]);
          split = feed(cut(bytes, at));
        } catch (err) {
          expectTrue(false, `the reader threw ${String(err)}`, {
            rule: "a codec answers with values; malformed input is an error result",
            book: BOOK,
            sent: bytes,
          });
        }
        if (whole.kind === "error") {
          expectTrue(whole.error.code in TLS_ERRORS, `uncatalogued ${whole.error.code}`, {
            book: BOOK,
          });
        }
        expectTrue(show(whole) === show(split), `whole: ${show(whole)}, split: ${show(split)}`, {
          rule: "an incremental reader's answer may not depend on chunking",
          book: BOOK,
          sent: bytes,
        });
      }),
      RUNS,
    );
  });
});
