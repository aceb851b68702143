/**
 * Message framing (RFC 9112 §6.1-§6.3): where the body ends. Each head is
 * parsed from raw bytes, then judged by bodyFraming. Most rows are request
 * smuggling attacks: two servers on one path must agree on every one.
 */
import { describe, test } from "vitest";
import { type BodyFraming, bodyFraming } from "#ch02/body-framing.ts";
import { RequestHeadParser } from "#ch02/request-head-parser.ts";
import { expectTrue } from "#testing/wire.ts";
import { req } from "./cases.ts";

const BOOK = "chapters/02-request-parser.md#message-framing";

interface FramingCase {
  readonly name: string;
  readonly fields: readonly string[];
  readonly version?: "1.0" | "1.1";
  /** "none", "chunked", a length, or an error code. */
  readonly want: "none" | "chunked" | number | `HPE_${string}`;
  readonly rule: string;
}

const TE_RULE = "RFC 9112 §6.3 rule 4: chunked must be the final coding, else 400";
const CL_RULE = "RFC 9110 §8.6: Content-Length = 1*DIGIT";
const DUP_RULE = "RFC 9112 §6.3 rule 5: one Content-Length value (we reject repeats, see chapter)";
const CLTE_RULE = "RFC 9112 §6.1: a server MAY reject Content-Length with Transfer-Encoding";

const CASES: readonly FramingCase[] = [
  { name: "no body fields: no body (§6.3 rule 7)", fields: [], want: "none", rule: "§6.3 rule 7" },
  { name: "Content-Length: 42", fields: ["Content-Length: 42"], want: 42, rule: CL_RULE },
  { name: "Content-Length: 0", fields: ["Content-Length: 0"], want: 0, rule: CL_RULE },
  { name: "leading zeros are digits", fields: ["Content-Length: 007"], want: 7, rule: CL_RULE },
  {
    name: "largest safe length",
    fields: ["Content-Length: 9007199254740991"],
    want: Number.MAX_SAFE_INTEGER,
    rule: CL_RULE,
  },
  { name: "chunked", fields: ["Transfer-Encoding: chunked"], want: "chunked", rule: TE_RULE },
  {
    name: "coding names are case-insensitive (RFC 9112 §7)",
    fields: ["Transfer-Encoding: Chunked"],
    want: "chunked",
    rule: TE_RULE,
  },
  {
    name: "empty list elements are ignored (RFC 9110 §5.6.1)",
    fields: ["Transfer-Encoding: , chunked,"],
    want: "chunked",
    rule: "RFC 9110 §5.6.1: a recipient MUST ignore a reasonable number of empty elements",
  },
  {
    name: "whitespace around a coding is OWS, not part of it (RFC 9110 §5.6.3)",
    fields: ["Transfer-Encoding:\t chunked \t"],
    want: "chunked",
    rule: "RFC 9112 §5: OWS around a field value is not part of the value",
  },
  {
    name: "Content-Length with Transfer-Encoding (smuggling, CL.TE)",
    fields: ["Content-Length: 5", "Transfer-Encoding: chunked"],
    want: "HPE_CONTENT_LENGTH_WITH_TE",
    rule: CLTE_RULE,
  },
  {
    name: "Transfer-Encoding with Content-Length (smuggling, TE.CL)",
    fields: ["Transfer-Encoding: chunked", "Content-Length: 5"],
    want: "HPE_CONTENT_LENGTH_WITH_TE",
    rule: CLTE_RULE,
  },
  {
    name: "duplicate Content-Length, identical",
    fields: ["Content-Length: 5", "Content-Length: 5"],
    want: "HPE_MULTIPLE_CONTENT_LENGTH",
    rule: DUP_RULE,
  },
  {
    name: "conflicting Content-Length (smuggling)",
    fields: ["Content-Length: 5", "Content-Length: 6"],
    want: "HPE_MULTIPLE_CONTENT_LENGTH",
    rule: DUP_RULE,
  },
  {
    name: "Content-Length as a list",
    fields: ["Content-Length: 5, 5"],
    want: "HPE_MULTIPLE_CONTENT_LENGTH",
    rule: DUP_RULE,
  },
  ...["-1", "+5", "0x10", "1e3", "5.0", "5 5", "", "\xb9"].map(
    (v): FramingCase => ({
      name: `Content-Length: ${JSON.stringify(v)} is not 1*DIGIT`,
      fields: [`Content-Length: ${v}`],
      want: "HPE_INVALID_CONTENT_LENGTH",
      rule: CL_RULE,
    }),
  ),
  {
    name: "Content-Length above 2^53-1 overflows",
    fields: ["Content-Length: 9007199254740992"],
    want: "HPE_INVALID_CONTENT_LENGTH",
    rule: CL_RULE,
  },
  {
    name: "Content-Length with twenty digits",
    fields: ["Content-Length: 18446744073709551621"],
    want: "HPE_INVALID_CONTENT_LENGTH",
    rule: CL_RULE,
  },
  ...["identity", "gzip", "chunked, identity", "chunked, gzip", "xchunked", "chunkedx", ""].map(
    (v): FramingCase => ({
      name: `Transfer-Encoding: ${JSON.stringify(v)} does not end in chunked`,
      fields: [`Transfer-Encoding: ${v}`],
      want: "HPE_INVALID_TRANSFER_ENCODING",
      rule: TE_RULE,
    }),
  ),
  ...['"chunked"', "chunked;x=1", "chun ked", "chunked, chunked"].map(
    (v): FramingCase => ({
      name: `obfuscated Transfer-Encoding: ${JSON.stringify(v)}`,
      fields: [`Transfer-Encoding: ${v}`],
      want: "HPE_INVALID_TRANSFER_ENCODING",
      rule: "RFC 9112 §6.1: chunked exactly once, last; codings are tokens",
    }),
  ),
  {
    name: "Transfer-Encoding split over two lines ends in identity",
    fields: ["Transfer-Encoding: chunked", "Transfer-Encoding: identity"],
    want: "HPE_INVALID_TRANSFER_ENCODING",
    rule: TE_RULE,
  },
  {
    name: "unknown coding before chunked is 501 (RFC 9112 §6.1)",
    fields: ["Transfer-Encoding: gzip, chunked"],
    want: "HPE_UNKNOWN_TRANSFER_CODING",
    rule: "RFC 9112 §6.1: a coding the server does not understand SHOULD get 501",
  },
  {
    name: "unknown coding on an earlier line is 501",
    fields: ["Transfer-Encoding: xfoo", "Transfer-Encoding: chunked"],
    want: "HPE_UNKNOWN_TRANSFER_CODING",
    rule: "RFC 9112 §6.1: a coding the server does not understand SHOULD get 501",
  },
  {
    name: "Transfer-Encoding in HTTP/1.0",
    fields: ["Transfer-Encoding: chunked"],
    version: "1.0",
    want: "HPE_TE_IN_HTTP_1_0",
    rule: "RFC 9112 §6.1: HTTP/1.0 with Transfer-Encoding MUST be treated as faulty framing",
  },
];

const describeFraming = (f: BodyFraming): string =>
  f.kind === "length" ? String(f.length) : f.kind === "error" ? f.error.code : f.kind;

describe("bodyFraming (RFC 9112 §6.3, in order)", () => {
  test.each(CASES)("$name", (c) => {
    const version = c.version ?? "1.1";
    const bytes = req(`POST /upload HTTP/${version}`, "Host: a", ...c.fields);
    const parsed = new RequestHeadParser().push(Buffer.from(bytes, "latin1"));
    // A Content-Length line that breaks a rule on its own is refused by the
    // parser the moment it ends (checkAtOnce); the rest by bodyFraming.
    const got =
      parsed.kind === "done"
        ? describeFraming(bodyFraming(parsed.head))
        : parsed.kind === "error"
          ? parsed.error.code
          : parsed.kind;
    expectTrue(got === String(c.want), `bodyFraming said ${got}, expected ${c.want}`, {
      rule: c.rule,
      book: BOOK,
      sent: bytes,
    });
  });

  test("every error carries its catalogue status: 400, or 501 for an unknown coding", () => {
    for (const c of CASES) {
      const bytes = req(`POST / HTTP/${c.version ?? "1.1"}`, "Host: a", ...c.fields);
      const parsed = new RequestHeadParser().push(Buffer.from(bytes, "latin1"));
      if (parsed.kind !== "done") continue;
      const framing = bodyFraming(parsed.head);
      if (framing.kind !== "error") continue;
      const want = framing.error.code === "HPE_UNKNOWN_TRANSFER_CODING" ? 501 : 400;
      expectTrue(framing.error.status === want, `${c.name}: status ${framing.error.status}`, {
        rule: "RFC 9112 §6.3: unreliable framing is 400; RFC 9110 §15.6.2: unknown coding 501",
        book: BOOK,
      });
    }
  });
});

describe("a Content-Length line is judged the moment it ends (checkAtOnce)", () => {
  test.each([
    [
      "a second Content-Length",
      ["Content-Length: 5", "Content-Length: 5"],
      "HPE_MULTIPLE_CONTENT_LENGTH",
    ],
    ["a list", ["Content-Length: 5, 6"], "HPE_MULTIPLE_CONTENT_LENGTH"],
    [
      "an overflowing length",
      ["Content-Length: 99999999999999999999"],
      "HPE_INVALID_CONTENT_LENGTH",
    ],
    ["not digits", ["Content-Length: 0x10"], "HPE_INVALID_CONTENT_LENGTH"],
  ])("%s: the error comes with the line's LF, fed byte by byte", (_name, fields, code) => {
    const head = `POST / HTTP/1.1\r\nHost: a\r\n${fields.map((f) => `${f}\r\n`).join("")}`;
    const bytes = Buffer.from(`${head}X-More: never sent\r\n\r\n`, "latin1");
    const parser = new RequestHeadParser();
    let at = -1;
    let got = "";
    for (let i = 0; i < bytes.length && at === -1; i++) {
      const r = parser.push(bytes.subarray(i, i + 1));
      if (r.kind === "error") [at, got] = [i, r.error.code];
    }
    expectTrue(at === head.length - 1 && got === code, `error ${got} at byte ${at}`, {
      rule: "refuse a field line as soon as it is complete and invalid: no need to read on",
      book: BOOK,
      sent: head,
    });
  });
});
