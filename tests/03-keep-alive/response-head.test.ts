/**
 * Serializing responses: the status line, the fields a handler may not
 * smuggle CR/LF into, and which responses carry a body (RFC 9112 §4,
 * RFC 9110 §5.5, §6.4.1; RFC 9112 §6.3).
 */
import { describe, expect, test } from "vitest";
import type { HttpResponse } from "#ch03/message.ts";
import { JOIN_BODY_MAX, type RequestContext, encodeResponse } from "#ch03/response-encoder.ts";
import { closeDelimited } from "#ch03/response-framer.ts";
import { isSafeFieldValue, serializeHead, statusLine } from "#ch03/response-head.ts";
import { expectBytes, expectTrue } from "#testing/wire.ts";

const BOOK = "chapters/03-keep-alive.md#serializing-a-response";
const DATE = "Sun, 06 Nov 1994 08:49:37 GMT";
const GET11: RequestContext = { method: "GET", version: "HTTP/1.1", keepAlive: true };

function encode(response: HttpResponse, ctx: RequestContext = GET11): string {
  const out = encodeResponse(response, ctx, DATE, closeDelimited);
  if (out.kind !== "bytes") throw new Error(`expected bytes, got ${out.kind}`);
  return typeof out.bytes === "string" ? out.bytes : out.bytes.toString("latin1");
}

describe("statusLine (RFC 9112 §4)", () => {
  test.each([
    [200, undefined, "HTTP/1.1 200 OK\r\n"],
    [404, undefined, "HTTP/1.1 404 Not Found\r\n"],
    [413, undefined, "HTTP/1.1 413 Content Too Large\r\n"],
    [431, undefined, "HTTP/1.1 431 Request Header Fields Too Large\r\n"],
    [200, "Fine", "HTTP/1.1 200 Fine\r\n"],
    [299, undefined, "HTTP/1.1 299 Unknown\r\n"],
  ])("%i %s", (status, reason, expected) => {
    expectBytes(statusLine(status, reason), expected, {
      rule: "RFC 9112 §4: status-line = HTTP-version SP status-code SP [ reason-phrase ] CRLF",
      book: BOOK,
    });
  });
});

describe("isSafeFieldValue (RFC 9110 §5.5, response splitting)", () => {
  test.each([
    ["text/plain", true],
    ["a\tb", true],
    ["caf\u00e9", true],
    ["x\r\nSet-Cookie: evil=1", false],
    ["x\nY", false],
    ["x\rY", false],
    ["nul\0", false],
    ["snowman \u2603", false],
  ])("%j → %s", (value, safe) => {
    expectTrue(
      isSafeFieldValue(value) === safe,
      `isSafeFieldValue(${JSON.stringify(value)}) should be ${safe}`,
      {
        rule: "RFC 9110 §5.5: field values containing CR, LF, or NUL characters are invalid and dangerous",
        book: BOOK,
      },
    );
  });
});

describe("serializeHead", () => {
  test("writes the handler's fields, then Date, Content-Length, Connection", () => {
    const result = serializeHead({
      status: 200,
      reason: undefined,
      headers: [
        ["content-type", "text/plain"],
        ["x-a", "1"],
      ],
      length: 11,
      connection: "close",
      date: DATE,
      framing: [],
    });
    expect(result.kind).toBe("ok");
    if (result.kind !== "ok") return;
    expectBytes(
      result.head,
      "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nx-a: 1\r\n" +
        `date: ${DATE}\r\ncontent-length: 11\r\nconnection: close\r\n\r\n`,
      {
        rule: "RFC 9112 §2.1: start-line, field lines each ending CRLF, an empty line",
        book: BOOK,
      },
    );
  });

  test.each([
    ["CRLF in a value", [["x-a", "1\r\nset-cookie: evil=1"]]],
    ["LF in a value", [["x-a", "1\nx: y"]]],
    ["NUL in a value", [["x-a", "a\0"]]],
    ["space in a name", [["x a", "1"]]],
    ["colon in a name", [["x:a", "1"]]],
    ["empty name", [["", "1"]]],
  ] as const)("refuses %s (response splitting)", (_, headers) => {
    const result = serializeHead({
      status: 200,
      reason: undefined,
      headers,
      length: 0,
      connection: undefined,
      date: DATE,
      framing: [],
    });
    expectTrue(result.kind === "error", "a field that could split the response was serialized", {
      rule: "RFC 9110 §5.1 (field names are tokens), §5.5 (no CR, LF, NUL in values)",
      book: BOOK,
    });
  });

  test("a reason phrase with CRLF is refused", () => {
    const out = encodeResponse({ status: 200, reason: "OK\r\nX: y" }, GET11, DATE, closeDelimited);
    expect(out.kind).toBe("invalid");
  });

  test("drops the handler's framing fields: the connection owns them", () => {
    const head = encode({
      status: 200,
      headers: [
        ["content-length", "999"],
        ["transfer-encoding", "chunked"],
        ["connection", "keep-alive"],
      ],
      body: "abc",
    });
    expectBytes(head, `HTTP/1.1 200 OK\r\ndate: ${DATE}\r\ncontent-length: 3\r\n\r\nabc`, {
      rule: "RFC 9112 §6.3: the framing must match the bytes actually sent",
      book: BOOK,
    });
  });

  test("keeps a Date the handler set (a proxy forwards its origin's)", () => {
    const head = encode({ status: 200, headers: [["date", "Mon, 07 Nov 1994 00:00:00 GMT"]] });
    expect(head).toContain("date: Mon, 07 Nov 1994 00:00:00 GMT\r\n");
    expect(head).not.toContain(DATE);
  });
});

describe("which responses carry a body (RFC 9112 §6.3, RFC 9110 §6.4.1)", () => {
  test("a string body gets its UTF-8 byte length", () => {
    expectBytes(
      encode({ status: 200, body: "héllo" }),
      `HTTP/1.1 200 OK\r\ndate: ${DATE}\r\ncontent-length: 6\r\n\r\nh\xc3\xa9llo`,
      {
        rule: "RFC 9110 §8.6: Content-Length counts octets, not characters",
        book: BOOK,
      },
    );
  });

  test("no body at all still says content-length: 0 (so the client need not wait)", () => {
    expectBytes(
      encode({ status: 200 }),
      `HTTP/1.1 200 OK\r\ndate: ${DATE}\r\ncontent-length: 0\r\n\r\n`,
    );
  });

  test("HEAD: the headers a GET would get, and no body", () => {
    const head = encode({ status: 200, body: "hello world" }, { ...GET11, method: "HEAD" });
    expectBytes(head, `HTTP/1.1 200 OK\r\ndate: ${DATE}\r\ncontent-length: 11\r\n\r\n`, {
      rule: "RFC 9110 §9.3.2: the server SHOULD send the same header fields as for GET, without content",
      book: BOOK,
    });
  });

  test.each([204, 304])("%i: no body, and no Content-Length of ours", (status) => {
    const head = encode({ status, headers: [["etag", '"x"']], body: "must not be sent" });
    expectBytes(
      head,
      `HTTP/1.1 ${status} ${status === 204 ? "No Content" : "Not Modified"}\r\netag: "x"\r\ndate: ${DATE}\r\n\r\n`,
      {
        rule: "RFC 9112 §6.3 rule 1: 1xx, 204 and 304 responses end at the empty line",
        book: BOOK,
      },
    );
  });

  test("204 drops a handler's Content-Length; 304 keeps it (RFC 9110 §8.6)", () => {
    const cl = [["content-length", "5"]] as const;
    expect(encode({ status: 204, headers: cl })).not.toContain("content-length");
    expect(encode({ status: 304, headers: cl })).toContain("content-length: 5\r\n");
  });

  test("HTTP/1.0 keep-alive is announced; close is announced", () => {
    const v10 = encode({ status: 200 }, { method: "GET", version: "HTTP/1.0", keepAlive: true });
    expect(v10).toContain("connection: keep-alive\r\n");
    const closing = encode({ status: 200 }, { ...GET11, keepAlive: false });
    expect(closing).toContain("connection: close\r\n");
  });

  test.each([0, 99, 150, 600, 200.5, Number.NaN])(
    "status %s from a handler is refused",
    (status) => {
      expect(encodeResponse({ status }, GET11, DATE, closeDelimited).kind).toBe("invalid");
    },
  );

  test("a stream without Content-Length is close-delimited in chapter 03", () => {
    async function* body(): AsyncGenerator<Uint8Array> {
      yield Buffer.from("x");
    }
    const out = encodeResponse({ status: 200, body: body() }, GET11, DATE, closeDelimited);
    expect(out.kind).toBe("stream");
    if (out.kind !== "stream") return;
    expect(out.close).toBe(true);
    expectBytes(out.head, `HTTP/1.1 200 OK\r\ndate: ${DATE}\r\nconnection: close\r\n\r\n`, {
      rule: "RFC 9112 §6.3 rule 8: without a length, the body ends when the server closes",
      book: BOOK,
    });
  });

  test("a held body over JOIN_BODY_MAX leaves beside its head, not copied into it", () => {
    const big = new Uint8Array(JOIN_BODY_MAX + 1).fill(0x62);
    const out = encodeResponse({ status: 200, body: big }, GET11, DATE, closeDelimited);
    expect(out.kind).toBe("bytes");
    if (out.kind !== "bytes") return;
    expectTrue(out.body === big, "the body is the handler's own bytes, not a copy", {
      rule: "a large held body is written as it is (one writev with its head)",
      book: BOOK,
    });
    const head = typeof out.bytes === "string" ? out.bytes : out.bytes.toString("latin1");
    expectBytes(head, `HTTP/1.1 200 OK\r\ndate: ${DATE}\r\ncontent-length: ${big.length}\r\n\r\n`, {
      rule: "RFC 9112 §6.3: a body we hold is sized by Content-Length",
      book: BOOK,
    });
    const small = encodeResponse(
      { status: 200, body: big.subarray(0, JOIN_BODY_MAX) },
      GET11,
      DATE,
      closeDelimited,
    );
    // Up to the threshold, head and body are still one piece: one write.
    expect(small.kind === "bytes" ? [small.body, small.bytes.length] : small.kind).toEqual([
      undefined,
      head.length + JOIN_BODY_MAX, // "16385" and "16384" have as many digits
    ]);
  });
});
