/**
 * The parser's pieces on their own, so a learner writing one exercise sees
 * that exercise's failure first: the token check, the target forms, Host,
 * the request-line, one field line, and the line splitter.
 */
import { describe, expect, test } from "vitest";
import { parseFieldLine } from "#ch02/field-line.ts";
import { isValidHost } from "#ch02/host-field.ts";
import { LineSplitter } from "#ch02/line-splitter.ts";
import { RequestHeadParser } from "#ch02/request-head-parser.ts";
import { parseRequestLine } from "#ch02/request-line.ts";
import { classifyTarget, normalizePath, splitTarget } from "#ch02/request-target.ts";
import { isToken } from "#ch02/tokens.ts";
import { expectTrue } from "#testing/wire.ts";

const BOOK = "chapters/02-request-parser.md";

describe("isToken (RFC 9110 §5.6.2)", () => {
  const tokens = ["GET", "M-SEARCH", "x", "!#$%&'*+-.^_`|~09azAZ"];
  const nonTokens = ["", "GET ", "a:b", "a/b", "(x)", "a\tb", "caf\xe9", "a\x00", '"q"', "a,b"];
  test.each(tokens)("%j is a token", (t) => {
    expectTrue(isToken(t), `${JSON.stringify(t)} should be a token`, {
      rule: "token = 1*tchar",
      book: `${BOOK}#the-request-line`,
    });
  });
  test.each(nonTokens)("%j is not a token", (t) => {
    expectTrue(!isToken(t), `${JSON.stringify(t)} should not be a token`, {
      rule: "tchar excludes delimiters, whitespace, controls and non-ASCII",
      book: `${BOOK}#the-request-line`,
    });
  });
});

describe("classifyTarget (RFC 9112 §3.2)", () => {
  const table: readonly [string, string, string][] = [
    ["GET", "/", "origin"],
    ["GET", "/a/b?c=d&e=%41", "origin"],
    ["GET", "https://example.com:8443/x", "absolute"],
    ["CONNECT", "example.com:443", "authority"],
    ["CONNECT", "[::1]:443", "authority"],
    ["OPTIONS", "*", "asterisk"],
    ["OPTIONS", "/", "origin"],
    ["GET", "*", "error"],
    ["CONNECT", "/", "error"],
    ["CONNECT", ":443", "error"],
    ["GET", "example.com:80", "error"],
    ["GET", "/a\\b", "error"],
    ["GET", "/%4", "error"],
    ["GET", "1http://x/", "error"],
    // What browsers send raw (WHATWG URL percent-encode sets): accepted.
    ["GET", "/echo/a|b?q={x}|y^z", "origin"],
    ["GET", "/a[1]/b^c?d=`e`&f=[g]", "origin"],
    ["GET", "/a?b=c\\d", "origin"], // a backslash in the query
    // A bare % in the query, as browsers send `?q=100%`; in a path, refused.
    ["GET", "/a?q=100%", "origin"],
    ["GET", "/a?q=%zz&r=%4&s=%", "origin"],
    ["GET", "http://a.example/p?q=50%off", "absolute"],
    ["GET", "/100%", "error"],
    ["GET", "/a%zz?q=1", "error"],
    // Still refused: bytes that read two ways.
    ["GET", '/a"b', "error"],
    ["GET", "/a<b>", "error"],
    ["GET", "/a#b", "error"],
    ["GET", "/a\x7f", "error"],
    ["GET", "/caf\xe9", "error"],
    // Absolute-form: path-abempty (RFC 3986 §3.3), a host required.
    ["GET", "http://a.example?x=1", "absolute"],
    ["GET", "http://a.example", "absolute"],
    ["GET", "http://[::1]:8080/x", "absolute"],
    ["GET", "http:///x", "error"],
    ["GET", "http://:80/x", "error"],
    ["GET", "http://user@a.example/", "error"],
  ];
  test.each(table)("%s %s → %s", (method, target, want) => {
    const r = classifyTarget(method, target);
    const got = r.ok ? r.value : "error";
    expectTrue(got === want, `classifyTarget(${method}, ${target}) gave ${got}, want ${want}`, {
      rule: "the method and the first byte decide the form; RFC 3986 decides the bytes",
      book: `${BOOK}#the-request-line`,
    });
  });
});

describe("splitTarget: the one parser every chapter reads (RFC 9112 §3.2)", () => {
  const table: readonly [string, string, [string, string, string]][] = [
    ["GET", "/a?b=c", ["", "/a", "b=c"]],
    ["GET", "/a?", ["", "/a", ""]],
    ["GET", "/a?x?y", ["", "/a", "x?y"]],
    ["GET", "/%61pi/x?%61", ["", "/api/x", "%61"]],
    ["GET", "/a?q=100%", ["", "/a", "q=100%"]],
    ["GET", "http://h.example/p?q", ["h.example", "/p", "q"]],
    ["GET", "https://h.example:8443", ["h.example:8443", "/", ""]],
    ["GET", "http://h.example?q=1", ["h.example", "/", "q=1"]],
    ["OPTIONS", "*", ["", "*", ""]],
    ["CONNECT", "h.example:443", ["h.example:443", "", ""]],
  ];
  test.each(table)("%s %s", (method, target, [authority, path, query]) => {
    const form = classifyTarget(method, target);
    expectTrue(form.ok, `${target} should be valid`, { book: `${BOOK}#the-request-line` });
    expect(splitTarget(form.value, target)).toEqual({ authority, path, query });
  });
});

describe("normalizePath: the one percent-decoding rule (RFC 3986 §6.2.2)", () => {
  const table: readonly [string, string][] = [
    ["/plain/path", "/plain/path"],
    ["/%61pi/x", "/api/x"], // unreserved: decoded (§6.2.2.2)
    ["/%7Euser/%2D%2E%5F", "/~user/-._"],
    ["/a%2fb", "/a%2Fb"], // reserved: kept, hex upper-cased (§6.2.2.1)
    ["/a%20b", "/a%20b"],
    ["/%2e%2E", "/.."], // dots are unreserved: chapters 05 and 06 refuse the segment
    ["/%25%32%66", "/%252f"], // decoded once: "%25" stays, "%32%66" is "2f"
    ["/caf%c3%a9", "/caf%C3%A9"],
  ];
  test.each(table)("%s → %s", (path, want) => {
    expectTrue(normalizePath(path) === want, `got ${normalizePath(path)}`, {
      rule: "decode percent-encoded unreserved characters, upper-case the rest, nothing more",
      book: `${BOOK}#one-target-one-path`,
    });
  });
});

describe("isValidHost (RFC 9110 §7.2, RFC 3986 §3.2.2)", () => {
  const valid = ["", "a", "example.com", "example.com:", "127.0.0.1:80", "[::1]", "[::1]:65535"];
  const invalid = ["a b", "a/b", "a@b", "::1", "[::1", "[zz::1]", "a:65536", "a:8o", "a:123456"];
  test.each(valid)("%j is a valid Host", (h) => {
    expectTrue(isValidHost(h), `${JSON.stringify(h)} should be valid`, {
      book: `${BOOK}#the-host-field`,
    });
  });
  test.each(invalid)("%j is not a valid Host", (h) => {
    expectTrue(!isValidHost(h), `${JSON.stringify(h)} should be invalid`, {
      book: `${BOOK}#the-host-field`,
    });
  });
  test("authority-form requires the port", () => {
    expect([isValidHost("a:1", true), isValidHost("a", true), isValidHost("a:", true)]).toEqual([
      true,
      false,
      false,
    ]);
  });
});

describe("parseRequestLine (RFC 9112 §3)", () => {
  test("splits and classifies a valid line", () => {
    expect(parseRequestLine("POST /x?y HTTP/1.0", 20)).toEqual({
      ok: true,
      value: { method: "POST", target: "/x?y", targetForm: "origin", version: "HTTP/1.0" },
    });
  });
  const table: readonly [string, string][] = [
    ["GET /", "HPE_INVALID_REQUEST_LINE"],
    [" GET / HTTP/1.1", "HPE_INVALID_REQUEST_LINE"],
    ["GET / HTTP/1.1 x", "HPE_INVALID_REQUEST_LINE"],
    ["G@T / HTTP/1.1", "HPE_INVALID_METHOD"],
    ["ABCDEFGHIJKLMNOPQRSTU / HTTP/1.1", "HPE_METHOD_TOO_LONG"],
    ["GET / HTTP/1", "HPE_INVALID_VERSION"],
    ["GET / HTTP/2.0", "HPE_VERSION_NOT_SUPPORTED"],
    ["GET nope HTTP/1.1", "HPE_INVALID_TARGET"],
  ];
  test("a method of exactly the limit's length is a method, one byte more is 501", () => {
    const [at, over] = ["ABCDEFGHIJKLMNOPQRST", "ABCDEFGHIJKLMNOPQRSTU"];
    const at20 = parseRequestLine(`${at} / HTTP/1.1`, 20);
    const over20 = parseRequestLine(`${over} / HTTP/1.1`, 20);
    expectTrue(
      at20.ok && !over20.ok && over20.error.code === "HPE_METHOD_TOO_LONG",
      `a 20-byte method gave ${at20.ok ? "ok" : at20.error.code}, a 21-byte one ${over20.ok ? "ok" : over20.error.code}`,
      {
        rule: "the limit is the longest method accepted (maxMethodBytes)",
        book: `${BOOK}#the-request-line`,
      },
    );
  });
  test.each(["GET", "GETS", "get", "HEADER", "POSTS", "OPTION", "PROPFIND"])(
    "the method %j is kept whole, as sent",
    (method) => {
      const r = parseRequestLine(`${method} / HTTP/1.1`, 20);
      const got = r.ok ? r.value.method : r.error.code;
      expectTrue(got === method, `parseRequestLine gave the method ${JSON.stringify(got)}`, {
        rule: "RFC 9110 §9.1: the method token is case-sensitive, taken as sent",
        book: `${BOOK}#the-request-line`,
      });
    },
  );
  test.each(table)("%j → %s", (line, code) => {
    const r = parseRequestLine(line, 20);
    const got = r.ok ? "ok" : r.error.code;
    expectTrue(got === code, `parseRequestLine(${JSON.stringify(line)}) gave ${got}`, {
      rule: "request-line = method SP request-target SP HTTP-version",
      book: `${BOOK}#the-request-line`,
    });
  });
});

describe("parseFieldLine (RFC 9112 §5)", () => {
  test("lowercases the name and trims OWS from the value", () => {
    expect(parseFieldLine("Content-Type:\t text/plain; q=1 \t")).toEqual({
      ok: true,
      value: ["content-type", "text/plain; q=1"],
    });
  });
  const table: readonly [string, string][] = [
    [" x: 1", "HPE_OBS_FOLD"],
    ["x 1", "HPE_MISSING_COLON"],
    ["x : 1", "HPE_SPACE_BEFORE_COLON"],
    ["x y: 1", "HPE_INVALID_HEADER_TOKEN"],
    ["x: \x01", "HPE_INVALID_HEADER_VALUE"],
  ];
  test.each(table)("%j → %s", (line, code) => {
    const r = parseFieldLine(line);
    const got = r.ok ? "ok" : r.error.code;
    expectTrue(got === code, `parseFieldLine(${JSON.stringify(line)}) gave ${got}`, {
      rule: 'field-line = field-name ":" OWS field-value OWS',
      book: `${BOOK}#header-fields`,
    });
  });
});

describe("LineSplitter.take", () => {
  test("joins a line split across chunks and reports where it ended", () => {
    const s = new LineSplitter();
    expect(s.take(Buffer.from("GET / HT"), 0, 100)).toEqual({ kind: "partial" });
    expect(s.take(Buffer.from("TP/1.1\r\nHost"), 0, 100)).toEqual({
      kind: "line",
      line: "GET / HTTP/1.1",
      end: 8,
      bytes: 16,
    });
    expect(s.scanned).toBe(16);
  });
  test("refuses a partial line over budget without waiting for LF", () => {
    expect(new LineSplitter().take(Buffer.from("x".repeat(11)), 0, 10)).toEqual({
      kind: "too-long",
    });
  });
  test("refuses a bare LF", () => {
    expect(new LineSplitter().take(Buffer.from("a\n"), 0, 10)).toEqual({ kind: "bare-lf" });
  });
  test("refuses a bare CR as soon as the byte after it arrives, with no LF yet", () => {
    expect(new LineSplitter().take(Buffer.from("a\rb"), 0, 10)).toEqual({ kind: "bare-cr" });
    const split = new LineSplitter();
    expect(split.take(Buffer.from("a\r"), 0, 10)).toEqual({ kind: "partial" });
    expect(split.take(Buffer.from("b"), 0, 10)).toEqual({ kind: "bare-cr" });
    const ok = new LineSplitter();
    expect(ok.take(Buffer.from("a\r"), 0, 10)).toEqual({ kind: "partial" });
    expect(ok.take(Buffer.from("\n"), 0, 10)).toMatchObject({ kind: "line", line: "a" });
  });
  test.each([
    ["in a field value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\rb"],
    ["in the request-line", "GET /\rx"],
  ])("the parser refuses a bare CR %s fed byte by byte, at the byte after it", (_w, head) => {
    const bytes = Buffer.from(`${head} and the rest\r\n\r\n`, "latin1");
    const parser = new RequestHeadParser();
    let at = -1;
    for (let i = 0; i < bytes.length && at === -1; i++) {
      const r = parser.push(bytes.subarray(i, i + 1));
      if (r.kind === "error") {
        at = i;
        expect(r.error.code).toBe("HPE_BARE_CR");
      }
    }
    expectTrue(at === head.length - 1, `refused at byte ${at}, want ${head.length - 1}`, {
      rule: "RFC 9112 §2.2: a bare CR makes the element invalid; no need to read on",
      book: `${BOOK}#line-endings`,
    });
  });
});
