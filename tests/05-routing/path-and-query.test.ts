/**
 * Paths are split, then decoded one segment at a time (RFC 3986 §2.1);
 * bad encodings and dot-segments are a 400. Queries decode as forms do,
 * multi-valued. Header access is case-insensitive and multi-valued.
 */
import { describe, expect, test } from "vitest";
import { decodePathSegment, splitPath } from "#ch05/path-segments.ts";
import { json } from "#ch05/response.ts";
import { Router } from "#ch05/router.ts";
import { expectBytes, expectTrue } from "#testing/wire.ts";
import { bodyText, request } from "./synthetic.ts";

const BOOK = "chapters/05-routing.md#from-target-to-segments";

describe("decodePathSegment", () => {
  test.each([
    ["plain", "plain"],
    ["a%20b", "a b"],
    ["caf%C3%A9", "café"],
    ["caf%c3%a9", "café"], // hex digits are case-insensitive
    ["a%2Fb", "a/b"],
    ["a+b", "a+b"], // `+` is only a space in queries
    ["%F0%9F%A6%8A", "🦊"],
    ["%25", "%"],
    ["", ""],
  ])("%s → %s", (raw, decoded) => {
    expectBytes(decodePathSegment(raw) ?? "<null>", decoded, {
      rule: "RFC 3986 §2.1: %XX is one octet; the octets are UTF-8",
      book: BOOK,
    });
  });

  test.each([
    ["%", "a % at the end"],
    ["%4", "one hex digit"],
    ["%zz", "not hex"],
    ["100%", "a bare %"],
    ["%E9", "latin-1 é, not UTF-8"],
    ["%C3", "a truncated UTF-8 sequence"],
    ["%C0%AF", "an overlong encoding of / (the IIS traversal bug)"],
    ["%ED%A0%80", "a UTF-16 surrogate"],
  ])("%s is invalid: %s", (raw, why) => {
    expectTrue(decodePathSegment(raw) === null, `${raw} decoded to ${decodePathSegment(raw)}`, {
      rule: `reject, never guess: ${why}`,
      book: BOOK,
    });
  });
});

describe("splitPath", () => {
  test.each([
    ["/", [""]],
    ["/a/b", ["a", "b"]],
    ["/a/b/", ["a", "b", ""]],
    ["/a%2Fb/c", ["a/b", "c"]],
    ["//x", ["", "x"]],
  ])("%s", (path, segments) => {
    expect(splitPath(path)).toEqual(segments);
  });
});

describe("bad paths are a 400 with a reason", () => {
  const router = new Router().get("/files/*", (req) => json(req.params));
  test.each([
    ["/files/%E9t%E9", "BAD_PATH_ENCODING", "invalid percent-encoding"],
    ["/files/100%", "BAD_PATH_ENCODING", "invalid percent-encoding"],
    ["/files/../etc/passwd", "BAD_PATH_SEGMENT", "dot-segment (traversal)"],
    ["/files/%2e%2e/etc/passwd", "BAD_PATH_SEGMENT", "encoded dot-segment (traversal)"],
    ["/files/./a", "BAD_PATH_SEGMENT", "dot-segment"],
    ["/files/a%00.txt", "BAD_PATH_SEGMENT", "NUL byte (truncation attack)"],
  ])("%s → %s (%s)", async (target, code, attack) => {
    const response = await router.handle(request({ target }));
    const body = await bodyText(response);
    expectTrue(
      response.status === 400 && body.startsWith(`${code}:`),
      `got ${response.status} ${body}`,
      {
        rule: `a path the router cannot read safely is a 400, not a guess: ${attack}`,
        book: BOOK,
        curl: `curl --path-as-is -si 'http://127.0.0.1:8080${target}'`,
      },
    );
  });
});

describe("the router reads request.path, parsed once by the connection", () => {
  const router = new Router().get("/p", (req) => json({ path: req.path, query: req.query }));
  test.each([
    ["GET", "http://h.example/p?q", 200, '{"path":"/p","query":"q"}'],
    ["GET", "/%70?x=%61", 200, '{"path":"/p","query":"x=%61"}'],
    ["OPTIONS", "*", 204, ""],
    ["CONNECT", "h.example:443", 404, "ROUTE_NOT_FOUND: no route for CONNECT h.example:443\n"],
  ])("%s %s → %i", async (method, target, status, body) => {
    const response = await router.handle(request({ method, target }));
    expect([response.status, await bodyText(response)]).toEqual([status, body]);
  });
});

describe("query and headers on the request view", () => {
  const router = new Router().get("/q", (req) =>
    json({
      tags: req.searchParams.getAll("tag"),
      name: req.searchParams.get("name"),
      missing: req.searchParams.get("missing"),
      accept: req.header("ACCEPT"),
      forwarded: req.headerValues("X-Forwarded-For"),
      path: req.decodedPath,
      rawPath: req.path,
    }),
  );

  test("decodes a multi-valued query and reads headers in any case", async () => {
    const response = await router.handle(
      request({
        target: "/q?tag=a&tag=b%20c&name=J%C3%BCrgen+M&flag",
        headers: [
          ["accept", "text/html"],
          ["x-forwarded-for", "10.0.0.1"],
          ["x-forwarded-for", "10.0.0.2"],
        ],
      }),
    );
    expectBytes(
      await bodyText(response),
      JSON.stringify({
        tags: ["a", "b c"],
        name: "Jürgen M",
        missing: null,
        accept: "text/html",
        forwarded: ["10.0.0.1", "10.0.0.2"],
        path: "/q",
        rawPath: "/q",
      }),
      {
        rule: "query: WHATWG form decoding (+ is space), every value of a repeated key",
        book: BOOK,
      },
    );
  });
});
