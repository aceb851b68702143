/**
 * The request mapping (RFC 9113 §8.3.1, §8.2) and the response mapping
 * (§8.3.2, §8.2.2), table-driven; the field block budgets and the flood
 * budgets.
 */
import { describe, expect, test } from "vitest";
import type { HeaderList } from "#ch03/message.ts";
import { FieldBlock } from "#ch13/field-block.ts";
import { RateBudget } from "#ch13/flood-guard.ts";
import { checkRegularField, isH2FieldValue } from "#ch13/request-fields.ts";
import { contentLengthOf, mapRequest } from "#ch13/request-mapping.ts";
import { h2Fields, isBodiless, mapResponse } from "#ch13/response-mapping.ts";

const GET: HeaderList = [
  [":method", "GET"],
  [":scheme", "https"],
  [":authority", "example.com"],
  [":path", "/a?b=1"],
];

describe("mapRequest: well-formed requests", () => {
  test("the four pseudo-headers and the regular fields", () => {
    const mapped = mapRequest([...GET, ["accept", "*/*"]]);
    expect(mapped).toEqual({
      ok: true,
      request: {
        method: "GET",
        scheme: "https",
        authority: "example.com",
        path: "/a?b=1",
        // §8.3.1: Host from :authority, as an HTTP/1.1 handler expects.
        headers: [
          ["host", "example.com"],
          ["accept", "*/*"],
        ],
        contentLength: undefined,
      },
    });
  });

  test("cookie crumbs are joined with '; ' (§8.2.3)", () => {
    const mapped = mapRequest([...GET, ["cookie", "a=1"], ["x", "y"], ["cookie", "b=2"]]);
    expect(mapped.ok && mapped.request.headers).toEqual([
      ["host", "example.com"],
      ["x", "y"],
      ["cookie", "a=1; b=2"],
    ]);
  });

  test.each<
    [string, HeaderList, Partial<{ authority: string; path: string; contentLength: number }>]
  >([
    [
      "Host stands in for a missing :authority",
      [
        [":method", "GET"],
        [":scheme", "http"],
        [":path", "/"],
        ["host", "h.example"],
      ],
      { authority: "h.example" },
    ],
    [
      "OPTIONS *",
      [
        [":method", "OPTIONS"],
        [":scheme", "http"],
        [":path", "*"],
        [":authority", "a"],
      ],
      { path: "*" },
    ],
    [
      "CONNECT has only :method and :authority (§8.5)",
      [
        [":method", "CONNECT"],
        [":authority", "a.example:443"],
      ],
      { authority: "a.example:443", path: "" },
    ],
    ["te: trailers is allowed", [...GET, ["te", "trailers"]], {}],
    [
      "Content-Length, once or repeated with one value",
      [...GET, ["content-length", "5"], ["content-length", "5"]],
      { contentLength: 5 },
    ],
  ])("%s", (_name, fields, expected) => {
    const mapped = mapRequest(fields);
    expect(mapped.ok).toBe(true);
    if (mapped.ok) expect(mapped.request).toMatchObject(expected);
  });
});

test("a Host that differs from :authority only in case names the same host (RFC 3986 §6.2.2.1)", () => {
  const mapped = mapRequest([...GET, ["host", "EXAMPLE.com"]]);
  expect(mapped.ok && mapped.request.authority).toBe("example.com");
});

test("a Host the client sent is kept, not doubled", () => {
  const mapped = mapRequest([...GET, ["host", "example.com"]]);
  expect(mapped.ok && mapped.request.headers).toEqual([["host", "example.com"]]);
});

describe("mapRequest: malformed requests (§8.1.1)", () => {
  const without = (name: string) => GET.filter(([n]) => n !== name);
  test.each<[string, HeaderList]>([
    [":method missing", without(":method")],
    [":scheme missing", without(":scheme")],
    [":path missing", without(":path")],
    [":path empty", [...without(":path"), [":path", ""]]],
    [":path not a path", [...without(":path"), [":path", "a/b"]]],
    [":path absolute-form", [...without(":path"), [":path", "http://a/b"]]],
    ["* for a method other than OPTIONS", [...without(":path"), [":path", "*"]]],
    ["a pseudo-header twice", [...GET, [":path", "/again"]]],
    [
      "a pseudo-header after a regular field",
      [
        [":method", "GET"],
        ["accept", "*/*"],
        [":scheme", "http"],
        [":path", "/"],
      ],
    ],
    ["an unknown pseudo-header", [...GET, [":protocol", "websocket"]]],
    ["a response pseudo-header", [...GET, [":status", "200"]]],
    ["an upper-case field name", [...GET, ["Accept", "*/*"]]],
    ["a field name with a space", [...GET, ["acc ept", "*/*"]]],
    ["connection", [...GET, ["connection", "close"]]],
    ["keep-alive", [...GET, ["keep-alive", "timeout=5"]]],
    ["proxy-connection", [...GET, ["proxy-connection", "keep-alive"]]],
    ["transfer-encoding", [...GET, ["transfer-encoding", "chunked"]]],
    ["upgrade", [...GET, ["upgrade", "h2c"]]],
    ["te other than trailers", [...GET, ["te", "gzip"]]],
    ["a value with a CR", [...GET, ["x", "a\rb"]]],
    ["a value with a NUL", [...GET, ["x", "a\u0000b"]]],
    ["a value with a leading space", [...GET, ["x", " a"]]],
    ["Host differs from :authority", [...GET, ["host", "other.example"]]],
    // RFC 9112 §3.2's rule for HTTP/1.1 holds here too: the first Host
    // matched :authority and passed the allow-list, the second reached
    // the handler.
    [
      "two Hosts, the second another name",
      [...GET, ["host", "example.com"], ["host", "evil.test"]],
    ],
    [
      "two Hosts and no :authority",
      [...without(":authority"), ["host", "a.test"], ["host", "b.test"]],
    ],
    // §8.3: an invalid pseudo-header value is malformed; the authority
    // is uri-host [ ":" port ] without userinfo (RFC 9110 §4.2.4, §7.2).
    [":authority with userinfo", [...without(":authority"), [":authority", "u@example.com"]]],
    [":authority with a space", [...without(":authority"), [":authority", "a b"]]],
    [":authority empty (RFC 9110 §4.2.1)", [...without(":authority"), [":authority", ""]]],
    ["no :authority, a Host that is not a host", [...without(":authority"), ["host", "a b"]]],
    ["two different Content-Lengths", [...GET, ["content-length", "1"], ["content-length", "2"]]],
    ["a Content-Length that is not a number", [...GET, ["content-length", "1e3"]]],
    [
      "CONNECT with a :path",
      [
        [":method", "CONNECT"],
        [":authority", "a:443"],
        [":path", "/"],
      ],
    ],
    ["a method that is not a token", [...without(":method"), [":method", "G T"]]],
  ])("%s", (_name, fields) => {
    expect(mapRequest(fields).ok).toBe(false);
  });
});

describe("field checks (§8.2.1, §8.2.2)", () => {
  test.each([
    ["accept", "*/*", undefined],
    ["te", "Trailers", undefined],
    ["te", "trailers, deflate", "te other than trailers"],
    ["upgrade", "websocket", "connection-specific field upgrade"],
  ])("%s: %s", (name, value, reason) => {
    expect(checkRegularField(name, value)).toBe(reason);
  });

  test.each([
    ["", true],
    ["a b", true],
    ["a\tb", true],
    ["\ta", false],
    ["a ", false],
    ["a\nb", false],
    ["a\u007fb", false],
  ])("value %j valid: %s", (value, valid) => {
    expect(isH2FieldValue(value)).toBe(valid);
  });

  test("contentLengthOf", () => {
    expect(contentLengthOf([])).toBeUndefined();
    expect(contentLengthOf([["content-length", "12"]])).toBe(12);
    expect(contentLengthOf([["content-length", "-1"]])).toBeNull();
  });
});

describe("mapResponse (§8.3.2)", () => {
  const date = "Thu, 01 Jan 1970 00:00:00 GMT";

  test(":status first, names lower-cased, Date and Content-Length added", () => {
    const mapped = mapResponse(
      { status: 200, headers: [["Content-Type", "text/plain"]], body: "héllo" },
      "GET",
      date,
    );
    expect(mapped.ok && mapped.fields).toEqual([
      [":status", "200"],
      ["content-type", "text/plain"],
      ["date", date],
      ["content-length", "6"],
    ]);
    expect(mapped.ok && mapped.body.kind).toBe("bytes");
  });

  test.each([
    ["HEAD", 200, "none"],
    ["GET", 204, "none"],
    ["GET", 304, "none"],
    ["GET", 200, "bytes"],
  ])("%s answered %i: body %s", (method, status, kind) => {
    const mapped = mapResponse({ status, body: "abc" }, method, date);
    expect(mapped.ok && mapped.body.kind).toBe(kind);
  });

  test("HEAD keeps the Content-Length of the body it does not send", () => {
    const mapped = mapResponse({ status: 200, body: "abcd" }, "HEAD", date);
    expect(mapped.ok && mapped.fields).toContainEqual(["content-length", "4"]);
  });

  test("a streamed body stays a stream, with the handler's length", () => {
    async function* body() {
      yield new Uint8Array(1);
    }
    const mapped = mapResponse(
      { status: 200, headers: [["content-length", "1"]], body: body() },
      "GET",
      date,
    );
    expect(mapped.ok && mapped.body.kind).toBe("stream");
    expect(mapped.ok && mapped.length).toBe(1);
  });

  test.each([
    [{ status: 101, headers: [["upgrade", "websocket"]] as HeaderList }, 501],
    [{ status: 200, upgrade: () => undefined }, 501],
    [{ status: 100 }, 500],
    [{ status: 1000 }, 500],
    [{ status: 200, headers: [["x", "a\r\nb"]] as HeaderList }, 500],
    [{ status: 200, headers: [["bad name", "v"]] as HeaderList }, 500],
  ])("%j cannot be sent: %i instead", (response, status) => {
    const mapped = mapResponse(response, "GET", date);
    expect(mapped.ok ? 0 : mapped.status).toBe(status);
  });

  test("h2Fields drops what only HTTP/1.1 means, and what Connection names", () => {
    expect(
      h2Fields([
        ["Connection", "x-a, close"],
        ["X-A", "1"],
        ["Keep-Alive", "5"],
        ["Proxy-Connection", "x"],
        ["Transfer-Encoding", "chunked"],
        ["Upgrade", "h2c"],
        ["TE", "trailers"],
        ["X-B", " 2 "],
      ]),
    ).toEqual([["x-b", "2"]]);
  });

  test("isBodiless", () => {
    expect([isBodiless("HEAD", 200), isBodiless("GET", 103), isBodiless("GET", 200)]).toEqual([
      true,
      true,
      false,
    ]);
  });
});

describe("FieldBlock: the CONTINUATION budgets", () => {
  test("fragments join at END_HEADERS", () => {
    const block = new FieldBlock(1, true, 100, 4);
    expect(block.add(Buffer.from("ab"), false)).toEqual({ kind: "more" });
    const done = block.add(Buffer.from("cd"), true);
    expect(done.kind === "done" && Buffer.from(done.block).toString()).toBe("abcd");
  });

  test("past the byte budget: ENHANCE_YOUR_CALM", () => {
    const block = new FieldBlock(1, true, 3, 10);
    expect(block.add(Buffer.from("ab"), false).kind).toBe("more");
    const step = block.add(Buffer.from("cd"), false);
    expect(step.kind === "error" && step.error.code).toBe("ENHANCE_YOUR_CALM");
  });

  test("past the frame budget, even with empty fragments", () => {
    const block = new FieldBlock(1, true, 1000, 3);
    const steps = Array.from({ length: 4 }, () => block.add(new Uint8Array(0), false).kind);
    expect(steps).toEqual(["more", "more", "more", "error"]);
  });
});

describe("RateBudget", () => {
  test("limit events per window, then a fresh window", () => {
    const budget = new RateBudget(3, 1000);
    expect([0, 10, 20, 30].map((t) => budget.spend(t))).toEqual([true, true, true, false]);
    expect(budget.spend(1000)).toBe(true);
  });
});
