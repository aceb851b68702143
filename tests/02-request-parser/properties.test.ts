/**
 * Property tests (fast-check, bounded runs): on any bytes the parser
 * answers without throwing, its answer does not depend on chunking, and
 * whatever valid head we can serialize, it reads back unchanged.
 */
import fc from "fast-check";
import { describe, test } from "vitest";
import { bodyFraming } from "#ch02/body-framing.ts";
import { PARSE_ERRORS } from "#ch02/errors.ts";
import { RequestHeadParser } from "#ch02/request-head-parser.ts";
import { expectTrue } from "#testing/wire.ts";
import type { HeaderList } from "#ch03/message.ts";
import { feed, type Outcome, show } from "./feed.ts";

const BOOK = "chapters/02-request-parser.md";
const RUNS = { numRuns: 300, seed: 2026 } as const;

/** Byte strings made of HTTP's own pieces: likelier to reach deep states. */
const HTTP_PIECES = [
  "GET",
  "POST",
  "CONNECT",
  "OPTIONS",
  " ",
  "/",
  "*",
  "a",
  "%41",
  "?",
  "#",
  "HTTP/1.1",
  "HTTP/1.0",
  "HTTP/2.0",
  "\r\n",
  "\r",
  "\n",
  "\t",
  "\x00",
  "\xff",
  ":",
  "Host",
  "host: a",
  "Content-Length",
  "Transfer-Encoding",
  "chunked",
  "5",
  ",",
  "[::1]",
];
const httpish = fc
  .array(fc.constantFrom(...HTTP_PIECES), { maxLength: 40 })
  .map((parts) => Buffer.from(parts.join(""), "latin1"));
const anyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  httpish,
);

/** Cut `bytes` at the given (sorted, deduplicated) offsets. */
function cut(bytes: Buffer, at: readonly number[]): Buffer[] {
  const points = [...new Set(at.map((n) => n % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of points) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  out.push(bytes.subarray(from));
  return out;
}

const cuts = fc.array(fc.nat(), { maxLength: 6 });

describe("on arbitrary bytes", () => {
  test("never throws, answers with a catalogued error or stops at the head's end", () => {
    fc.assert(
      fc.property(anyBytes, cuts, (bytes, at) => {
        const parser = new RequestHeadParser({ maxHeaderBytes: 512, maxRequestLineBytes: 128 });
        for (const chunk of cut(bytes, at)) {
          const r = parser.push(chunk);
          if (r.kind === "error") {
            const entry = PARSE_ERRORS[r.error.code];
            expectTrue(entry.status === r.error.status, `uncatalogued error ${r.error.code}`, {
              book: `${BOOK}#the-error-catalogue`,
            });
            return;
          }
          if (r.kind === "done") {
            expectTrue(r.consumed <= chunk.length, "consumed more than the chunk", {});
            bodyFraming(r.head); // must not throw either
            return;
          }
        }
      }),
      RUNS,
    );
  });

  test("gives the same answer however the bytes are chunked", () => {
    fc.assert(
      fc.property(anyBytes, cuts, (bytes, at) => {
        const whole = show(feed([bytes]));
        const pieces = show(feed(cut(bytes, at)));
        expectTrue(whole === pieces, `whole: ${whole}\n  chunked: ${pieces}`, {
          rule: "an incremental parser's answer may not depend on chunking",
          book: `${BOOK}#incremental-parsing`,
          sent: bytes,
        });
      }),
      RUNS,
    );
  });
});

const TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const token = fc.string({ unit: fc.constantFrom(...TCHARS), minLength: 1, maxLength: 12 });
const PCHARS = "abcXYZ019-._~!$&'()*+,;=:@";
const segment = fc.string({ unit: fc.constantFrom(...PCHARS), maxLength: 8 });
const target = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => `/${s.join("/")}`);
/** field-vchar: VCHAR or obs-text (RFC 9110 §5.5). */
const vchar = fc
  .oneof(fc.integer({ min: 0x21, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }))
  .map((c) => String.fromCharCode(c));
const value = fc
  .array(fc.oneof(vchar, fc.constantFrom(" ", "\t")), { maxLength: 16 })
  .map((chars) => chars.join("").replace(/^[ \t]+|[ \t]+$/g, ""));
const ows = fc.constantFrom("", " ", "\t", "  \t");
const field = fc.tuple(token, value, ows, ows).filter(([n]) => n.toLowerCase() !== "host");
const head = fc.record({
  method: token.filter((m) => m !== "CONNECT"),
  target,
  version: fc.constantFrom("HTTP/1.0", "HTTP/1.1"),
  host: fc.constantFrom("a", "example.com:8080", "127.0.0.1", "[::1]:443", ""),
  fields: fc.array(field, { maxLength: 10 }),
});

describe("round trip", () => {
  test("a serialized valid head parses back to what was serialized", () => {
    fc.assert(
      fc.property(head, cuts, (h, at) => {
        const lines = [`${h.method} ${h.target} ${h.version}`, `Host: ${h.host}`];
        for (const [n, v, before, after] of h.fields) lines.push(`${n}:${before}${v}${after}`);
        const bytes = Buffer.from(`${lines.join("\r\n")}\r\n\r\nBODY`, "latin1");
        const got = feed(cut(bytes, at));
        const headers: HeaderList = [
          ["host", h.host],
          ...h.fields.map(([n, v]): [string, string] => [n.toLowerCase(), v]),
        ];
        const want: Outcome = {
          kind: "done",
          head: {
            method: h.method,
            target: h.target,
            targetForm: "origin",
            version: h.version,
            headers,
          },
          end: bytes.length - 4,
        };
        expectTrue(show(got) === show(want), `got  ${show(got)}\n  want ${show(want)}`, {
          rule: "what a strict parser accepts, it reads exactly",
          book: `${BOOK}#header-fields`,
          sent: bytes,
        });
      }),
      RUNS,
    );
  });
});
