import { describe, test } from "vitest";
import { parseAcceptEncoding, parseQvalue } from "#ch08/accept-encoding.ts";
import type { Coding } from "#ch08/codings.ts";
import { chooseEncoding } from "#ch08/negotiate.ts";
import { expectTrue } from "#testing/wire.ts";
import { NEGOTIATION, QVALUE } from "./lessons.ts";

const ALL: readonly Coding[] = ["br", "gzip", "deflate"];

/** What chooseEncoding answers, as one word: a coding, identity or none. */
function chosen(field: string | undefined, available: readonly Coding[] = ALL): string {
  if (field === undefined) return chooseEncoding(undefined, available).kind;
  const parsed = parseAcceptEncoding(field);
  if (parsed.kind === "invalid") return `invalid: ${parsed.reason}`;
  const choice = chooseEncoding(parsed.preferences, available);
  return choice.kind === "coding" ? choice.coding : choice.kind;
}

describe("negotiation (RFC 9110 §12.5.3)", () => {
  const table: readonly (readonly [string, string | undefined, string])[] = [
    // The RFC's own examples (§12.5.3).
    ["RFC example: compress, gzip", "compress, gzip", "gzip"],
    ["RFC example: empty value means no coding", "", "identity"],
    ["RFC example: * alone accepts any coding", "*", "br"],
    ["RFC example: compress;q=0.5, gzip;q=1.0", "compress;q=0.5, gzip;q=1.0", "gzip"],
    [
      "RFC example: gzip;q=1.0, identity; q=0.5, *;q=0",
      "gzip;q=1.0, identity; q=0.5, *;q=0",
      "gzip",
    ],
    // Our rules around it.
    ["no field: identity (a client that did not ask may not decode)", undefined, "identity"],
    ["equal q: our preference, br before gzip", "gzip, deflate, br", "br"],
    ["the client's q beats our preference", "br;q=0.5, gzip", "gzip"],
    ["q=0 excludes a coding", "br;q=0, gzip", "gzip"],
    ["* gives its weight to unlisted codings", "*;q=0.3, br;q=0", "gzip"],
    ["an unlisted identity loses to any listed coding", "deflate;q=0.001", "deflate"],
    ["identity ranked higher wins", "identity, gzip;q=0.5", "identity"],
    ["identity ties with a coding: the coding", "identity, gzip", "gzip"],
    ["identity;q=0 with nothing we offer: none (406)", "zstd, identity;q=0", "none"],
    ["*;q=0 excludes identity too: none", "*;q=0", "none"],
    ["*;q=0 but identity named: identity", "*;q=0, identity", "identity"],
    ["unknown codings only: identity", "zstd, compress", "identity"],
    ["codings are case-insensitive", "GZip", "gzip"],
    ["empty list elements are skipped (§5.6.1)", ", ,gzip,,", "gzip"],
    ["first occurrence of a coding wins", "gzip;q=0, gzip", "identity"],
    ["x-gzip is not gzip (no alias)", "x-gzip", "identity"],
  ];
  test.each(table)("%s", (_name, field, expected) => {
    const got = chosen(field);
    expectTrue(
      got === expected,
      `Accept-Encoding: ${JSON.stringify(field)} chose ${got}, expected ${expected}`,
      NEGOTIATION,
    );
  });
});

test("only the codings we offer count: br, gzip;q=0.8 with br off gives gzip", () => {
  const got = chosen("br, gzip;q=0.8", ["gzip", "deflate"]);
  expectTrue(got === "gzip", `chose ${got}`, NEGOTIATION);
});

describe("qvalue grammar (RFC 9110 §12.4.2)", () => {
  const valid: readonly (readonly [string, number])[] = [
    ["0", 0],
    ["0.", 0],
    ["0.5", 500],
    ["0.001", 1],
    ["0.999", 999],
    ["1", 1000],
    ["1.", 1000],
    ["1.000", 1000],
  ];
  test.each(valid)("accepts q=%s as %d thousandths", (text, thousandths) => {
    const got = parseQvalue(text);
    expectTrue(got === thousandths, `q=${text} read as ${got}, expected ${thousandths}`, QVALUE);
  });

  const invalid: readonly string[] = [
    "0.5000",
    "1.001",
    "1.5",
    "2",
    ".5",
    "-0",
    "0,5",
    "",
    " 1",
    "1e0",
    "0x1",
  ];
  test.each(invalid)("refuses q=%j", (text) => {
    const got = parseQvalue(text);
    expectTrue(got === undefined, `q=${JSON.stringify(text)} was accepted as ${got}`, QVALUE);
  });

  const fields: readonly (readonly [string, string])[] = [
    ["Q= is the same literal as q= (ABNF is case-insensitive)", "gzip;Q=0.5"],
    ["OWS around the semicolon", "gzip ; q=0.5"],
  ];
  test.each(fields)("parses: %s", (_name, field) => {
    const parsed = parseAcceptEncoding(field);
    const q = parsed.kind === "ok" ? parsed.preferences[0]?.q : undefined;
    expectTrue(q === 500, `${field} gave ${JSON.stringify(parsed)}`, QVALUE);
  });

  const malformed: readonly (readonly [string, string])[] = [
    ["a qvalue with four decimals", "gzip;q=0.5000"],
    ["a qvalue above 1", "gzip;q=1.1"],
    ["a parameter other than q", "gzip;level=9"],
    ["two weights", "gzip;q=0.5;q=1"],
    ["spaces inside the weight", "gzip;q = 0.5"],
    ["a coding that is not a token", 'gzip, "br"'],
    ["a weight without a coding", ";q=0.5"],
  ];
  test.each(malformed)("refuses %s", (_name, field) => {
    const parsed = parseAcceptEncoding(field);
    expectTrue(
      parsed.kind === "invalid",
      `Accept-Encoding: ${field} parsed as ${JSON.stringify(parsed)}`,
      QVALUE,
    );
  });
});
