/**
 * The parser on raw bytes: every accepted head, every attack, every
 * unfinished head, each fed whole, at every split and one byte at a time.
 */
import { describe, test } from "vitest";
import { RequestHeadParser } from "#ch02/request-head-parser.ts";
import { expectTrue } from "#testing/wire.ts";
import { ACCEPTED, INCOMPLETE, REJECTED, req } from "./cases.ts";
import { expectOutcome, feedEveryWay, type Outcome } from "./feed.ts";

const BOOK = "chapters/02-request-parser.md";

describe("accepts well-formed heads (RFC 9112 §2-§5)", () => {
  test.each(ACCEPTED)("$name", (c) => {
    const lesson = { rule: c.name, book: `${BOOK}#anatomy-of-a-request-head` };
    const got = feedEveryWay(c.bytes, lesson);
    const { method, target, targetForm, version, headers } = c;
    const head = { method, target, targetForm, version, headers };
    const want: Outcome = { kind: "done", head, end: c.end ?? c.bytes.length };
    expectOutcome(got, want, { ...lesson, sent: c.bytes });
  });
});

describe("rejects malformed and hostile heads with a status", () => {
  test.each(REJECTED)("$name → $status $code", (c) => {
    const lesson = { rule: c.rule, book: `${BOOK}#${c.section}` };
    const options = {
      ...(c.limits && { limits: c.limits }),
      ...(c.splits === false && { splits: false }),
    };
    const got = feedEveryWay(c.bytes, lesson, options);
    const want: Outcome = { kind: "error", code: c.code, status: c.status };
    expectOutcome(got, want, { ...lesson, sent: c.bytes.slice(0, 300) });
  });
});

describe("waits for the rest of an unfinished head", () => {
  test.each(INCOMPLETE)("$name", (c) => {
    const lesson = {
      rule: "a parser may not guess the end of a head",
      book: `${BOOK}#incremental-parsing`,
    };
    expectOutcome(
      feedEveryWay(c.bytes, lesson),
      { kind: "incomplete" },
      { ...lesson, sent: c.bytes },
    );
  });
});

describe("the parser's life cycle", () => {
  test("reset() makes it ready for the next pipelined head", () => {
    const first = req("GET /1 HTTP/1.1", "Host: a");
    const bytes = Buffer.from(first + req("GET /2 HTTP/1.1", "Host: b"), "latin1");
    const parser = new RequestHeadParser();
    const one = parser.push(bytes);
    expectTrue(one.kind === "done" && one.consumed === first.length, "first head, then stop", {
      rule: "consumed tells the connection where the next request starts",
      book: `${BOOK}#incremental-parsing`,
      sent: bytes,
    });
    parser.reset();
    const two = parser.push(bytes.subarray(one.consumed));
    expectTrue(two.kind === "done" && two.head.target === "/2", "second head after reset()", {
      book: `${BOOK}#incremental-parsing`,
    });
  });

  test("a Host remembered from an earlier request never lets a bad one through", () => {
    // The parser skips the Host grammar for the value it validated last.
    const parser = new RequestHeadParser();
    const heads = ["Host: a.example:8080", "Host: a.example:8080", "Host: a b", "Host: a.example"];
    const kinds = heads.map((host) => {
      const result = parser.push(Buffer.from(req("GET / HTTP/1.1", host), "latin1"));
      parser.reset();
      return result.kind === "error" ? result.error.code : result.kind;
    });
    expectTrue(
      kinds.join() === "done,done,HPE_INVALID_HOST,done",
      `expected done,done,HPE_INVALID_HOST,done, got ${kinds.join()}`,
      {
        rule: 'RFC 9112 §3.2: a Host that is not uri-host [ ":" port ] is a 400',
        book: `${BOOK}#the-host-field`,
      },
    );
  });

  test("a field line sent again is recognised, in a pair of its own; a changed one is parsed afresh", () => {
    // The parser remembers each place's last line and what it parsed to.
    const parser = new RequestHeadParser();
    const heads = [
      ["Host: a.example:8080", "Accept: */*"],
      ["Host: a.example:8080", "Accept: */*"],
      ["Host: a.example:8080", "Accept:\x01"],
      ["Accept: */*", "Host: a.example:8080"],
      ["Host: a.example:8080", "Accept: text/html"],
    ];
    const parsed: number[] = [];
    const results = heads.map((fields) => {
      const result = parser.push(Buffer.from(req("GET / HTTP/1.1", ...fields), "latin1"));
      parser.reset();
      parsed.push(parser.linesParsed);
      return result;
    });
    const fields = results.map((r) => (r.kind === "done" ? r.head.headers : []));
    const [one, two, , four, five] = fields;
    const bad = results[2];
    expectTrue(
      parsed.join() === "3,3,4,6,8" &&
        two?.[0] !== one?.[0] &&
        two?.[0]?.[0] === "host" &&
        two?.[0]?.[1] === "a.example:8080" &&
        two?.[1]?.[1] === "*/*" &&
        bad?.kind === "error" &&
        bad.error.code === "HPE_INVALID_HEADER_VALUE" &&
        four?.[0]?.[0] === "accept" &&
        four?.[1]?.[1] === "a.example:8080" &&
        five?.[0]?.[1] === "a.example:8080" &&
        five?.[1]?.[1] === "text/html",
      `same line, not parsed again, in a new pair; anything else parsed as if for the first time (lines parsed after each head: ${parsed.join()})`,
      {
        rule: "RFC 9112 §5: every field line is judged, once per distinct line",
        book: `${BOOK}#making-it-fast`,
      },
    );
  });

  test("a request-line sent again is recognised; a changed or bad one is parsed afresh", () => {
    const parser = new RequestHeadParser();
    const lines = [
      "GET /a HTTP/1.0",
      "GET /a HTTP/1.0",
      "GET /b HTTP/1.0",
      "GET /a  HTTP/1.0",
      "GET /a HTTP/1.0",
    ];
    const parsed: number[] = [];
    const results = lines.map((line) => {
      const result = parser.push(Buffer.from(req(line), "latin1"));
      parser.reset();
      parsed.push(parser.linesParsed);
      return result.kind === "done"
        ? result.head.target
        : result.kind === "error"
          ? result.error.code
          : "";
    });
    expectTrue(
      parsed.join() === "1,1,2,3,4" && results.join() === "/a,/a,/b,HPE_INVALID_REQUEST_LINE,/a",
      `targets ${results.join()}, lines parsed after each head ${parsed.join()}`,
      {
        rule: "RFC 9112 §3: every request-line is judged, once per distinct line",
        book: `${BOOK}#making-it-fast`,
      },
    );
  });

  test("a request-line another parser accepted is judged again under this parser's method limit", () => {
    // Parsers share the last line any of them parsed (one target string for
    // every connection); the limit is part of what they share it under.
    const line = "PATCH /shared-limit HTTP/1.1";
    const roomy = new RequestHeadParser();
    const first = roomy.push(Buffer.from(req(line, "Host: a"), "latin1"));
    const strict = new RequestHeadParser({ maxMethodBytes: 4 });
    const second = strict.push(Buffer.from(req(line, "Host: a"), "latin1"));
    const again = new RequestHeadParser().push(Buffer.from(req(line, "Host: a"), "latin1"));
    expectTrue(
      first.kind === "done" &&
        second.kind === "error" &&
        second.error.code === "HPE_METHOD_TOO_LONG" &&
        again.kind === "done" &&
        again.head.target === "/shared-limit",
      `one parser accepted ${line}; one allowing 4-byte methods said ${second.kind === "error" ? second.error.code : second.kind}, another ${again.kind}`,
      {
        rule: "RFC 9112 §3: a method longer than any implemented is 501, whatever another connection sent",
        book: `${BOOK}#making-it-fast`,
      },
    );
  });

  test("takes a plain Uint8Array view into a larger buffer, not only a Buffer", () => {
    const text = `xx${req("GET /u8 HTTP/1.1", "Host: a")}`;
    const whole = new TextEncoder().encode(text);
    const result = new RequestHeadParser().push(whole.subarray(2));
    expectTrue(result.kind === "done" && result.head.target === "/u8", "expected /u8", {
      rule: "push(chunk: Uint8Array) honours the view's offset",
      book: `${BOOK}#incremental-parsing`,
    });
  });

  test("limits are configurable: a larger request-line limit admits a longer target", () => {
    const bytes = req(`GET /${"a".repeat(9000)} HTTP/1.1`, "Host: a");
    const parser = new RequestHeadParser({ maxRequestLineBytes: 10_000 });
    const result = parser.push(Buffer.from(bytes, "latin1"));
    expectTrue(result.kind === "done", `expected done, got ${result.kind}`, {
      rule: "every limit is configurable through ParserLimits",
      book: `${BOOK}#limits`,
    });
  });

  test("a request-line exactly at the limit is accepted, one byte more is 414", () => {
    const line = "GET /abc HTTP/1.1\r\n";
    const bytes = Buffer.from(line + "Host: a\r\n\r\n", "latin1");
    const at = new RequestHeadParser({ maxRequestLineBytes: line.length }).push(bytes);
    const over = new RequestHeadParser({ maxRequestLineBytes: line.length - 1 }).push(bytes);
    expectTrue(at.kind === "done", `at the limit: expected done, got ${at.kind}`, {
      rule: "maxRequestLineBytes counts the request-line with its CRLF",
      book: `${BOOK}#limits`,
    });
    expectTrue(over.kind === "error" && over.error.status === 414, "one over: expected 414", {
      book: `${BOOK}#limits`,
    });
  });
});
