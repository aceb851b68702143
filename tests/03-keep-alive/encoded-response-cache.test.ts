/**
 * Reusing the bytes of a response the handler returns again: only when
 * the object provably cannot change (deeply frozen plain data), and only
 * for the same Date and the same request variant (RFC 9110 §6.6.1 Date,
 * RFC 9112 §6.3 HEAD, §9.3 persistence).
 */
import { describe, expect, test } from "vitest";
import { encodeOrReplace, type EncodeSettings } from "#ch03/error-response.ts";
import type { HttpResponse } from "#ch03/message.ts";
import {
  EncodedResponseCache,
  immutableBytes,
  isImmutableResponse,
} from "#ch03/encoded-response-cache.ts";
import type { RequestContext } from "#ch03/response-encoder.ts";
import { closeDelimited } from "#ch03/response-framer.ts";
import { expectBytes, expectTrue } from "#testing/wire.ts";

const BOOK = "chapters/03-keep-alive.md#measuring-it";
const { freeze } = Object;
const GET11: RequestContext = { method: "GET", version: "HTTP/1.1", keepAlive: true };
const HEADERS = freeze([freeze(["content-type", "text/plain"] as const)]);
const FROZEN: HttpResponse = freeze({ status: 200, headers: HEADERS, body: "hi" });

/** Settings whose Date the test moves by hand. */
function settings(): EncodeSettings & { date: string } {
  const s = {
    date: "Sun, 06 Nov 1994 08:49:37 GMT",
    dateCache: { current: (): string => s.date },
    framer: closeDelimited,
    logger: { error: (): void => {} },
  };
  return s;
}

function wire(response: unknown, ctx: RequestContext, s: EncodeSettings): string {
  const out = encodeOrReplace(response, ctx, s);
  if (out.kind !== "bytes") throw new Error(`expected bytes, got ${out.kind}`);
  return typeof out.bytes === "string" ? out.bytes : out.bytes.toString("latin1");
}

const head = (date: string, extra = ""): string =>
  `HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ndate: ${date}\r\n` +
  `content-length: 2\r\n${extra}\r\n`;

describe("isImmutableResponse", () => {
  const getter = freeze(
    Object.defineProperty({ status: 200 }, "body", { get: () => "x", enumerable: true }),
  );
  class Custom {
    readonly status = 200;
  }
  test.each([
    ["deeply frozen", FROZEN, true],
    ["frozen, no headers, no body", freeze({ status: 204 }), true],
    ["not frozen", { status: 200, body: "hi" }, false],
    [
      "header list not frozen",
      freeze({ status: 200, headers: [freeze(["a", "b"] as const)] }),
      false,
    ],
    ["a field not frozen", freeze({ status: 200, headers: freeze([["a", "b"] as const]) }), false],
    ["body behind a getter", getter as HttpResponse, false],
    ["a class instance", freeze(new Custom()), false],
    ["a Uint8Array body", freeze({ status: 200, body: new Uint8Array(1) }), false],
    [
      "a Uint8Array body declared immutable",
      freeze({ status: 200, body: immutableBytes(new Uint8Array(1)) }),
      true,
    ],
  ])("%s → %s", (_name, response, expected) => {
    expectTrue(isImmutableResponse(response) === expected, `expected ${expected}`, {
      rule: "only data that cannot change may be encoded once",
      book: BOOK,
    });
  });
});

describe("EncodedResponseCache", () => {
  test("a hit needs the same Date and the same variant", () => {
    const cache = new EncodedResponseCache<string>();
    cache.set(FROZEN, GET11, "d1", "bytes");
    expect(cache.get(FROZEN, GET11, "d1")).toBe("bytes");
    expect(cache.get(FROZEN, GET11, "d2")).toBeUndefined();
    expect(cache.get(FROZEN, { ...GET11, method: "HEAD" }, "d1")).toBeUndefined();
    expect(cache.get(FROZEN, { ...GET11, version: "HTTP/1.0" }, "d1")).toBeUndefined();
    expect(cache.get(FROZEN, { ...GET11, keepAlive: false }, "d1")).toBeUndefined();
    expect(cache.get(FROZEN, { ...GET11, method: "POST" }, "d1")).toBe("bytes");
  });

  test("a response that can change is never remembered", () => {
    const cache = new EncodedResponseCache<string>();
    const mutable = { status: 200, body: "hi" };
    cache.set(mutable, GET11, "d1", "bytes");
    expect(cache.get(mutable, GET11, "d1")).toBeUndefined();
  });
});

describe("encodeOrReplace with a frozen response", () => {
  test("each variant gets its own bytes (RFC 9112 §6.3, §9.3)", () => {
    const s = settings();
    const d = s.date;
    const lesson = { rule: "a reused encoding must be the one a fresh encode gives", book: BOOK };
    expectBytes(wire(FROZEN, GET11, s), `${head(d)}hi`, lesson);
    expectBytes(wire(FROZEN, GET11, s), `${head(d)}hi`, lesson);
    expectBytes(wire(FROZEN, { ...GET11, method: "HEAD" }, s), head(d), lesson);
    expectBytes(
      wire(FROZEN, { ...GET11, keepAlive: false }, s),
      `${head(d, "connection: close\r\n")}hi`,
      lesson,
    );
    const v10 = { ...GET11, version: "HTTP/1.0" };
    expectBytes(wire(FROZEN, v10, s), `${head(d, "connection: keep-alive\r\n")}hi`, lesson);
    expectBytes(wire(FROZEN, GET11, s), `${head(d)}hi`, lesson);
  });

  test("the Date moves on (RFC 9110 §6.6.1)", () => {
    const s = settings();
    wire(FROZEN, GET11, s);
    s.date = "Sun, 06 Nov 1994 08:49:38 GMT";
    expectBytes(wire(FROZEN, GET11, s), `${head(s.date)}hi`, {
      rule: "RFC 9110 §6.6.1: Date is the time the message was generated",
      book: BOOK,
    });
  });

  test("a mutable response changed between calls is encoded afresh", () => {
    const s = settings();
    const response = { status: 200, headers: HEADERS, body: "hi" };
    wire(response, GET11, s);
    response.body = "ho";
    expectBytes(wire(response, GET11, s), `${head(s.date)}ho`, {
      rule: "only a frozen response may reuse its bytes",
      book: BOOK,
    });
  });
});

describe("encodeOrReplace with a body of bytes", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  test("declared immutable: encoded once, the same bytes again", () => {
    const s = settings();
    const response = freeze({ status: 200, headers: HEADERS, body: immutableBytes(bytes("hi")) });
    const first = encodeOrReplace(response, GET11, s);
    expectTrue(encodeOrReplace(response, GET11, s) === first, "a frozen response is encoded once", {
      rule: "bytes declared immutable are as good as frozen",
      book: BOOK,
    });
    expectBytes(wire(response, GET11, s), `${head(s.date)}hi`, { book: BOOK });
  });

  test("not declared: written to between calls, encoded afresh", () => {
    const s = settings();
    const body = bytes("hi");
    const response = freeze({ status: 200, headers: HEADERS, body });
    wire(response, GET11, s);
    body[1] = "o".charCodeAt(0);
    expectBytes(wire(response, GET11, s), `${head(s.date)}ho`, {
      rule: "bytes nobody declared immutable may change: never reuse their encoding",
      book: BOOK,
    });
  });
});
