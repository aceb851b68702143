/**
 * The security headers middleware on synthetic requests: which fields,
 * when HSTS, and what it costs a constant response (nothing per request).
 */
import { describe, expect, test } from "vitest";
import { getHeader } from "#ch02/header-list.ts";
import { isImmutableResponse } from "#ch03/encoded-response-cache.ts";
import type { HttpRequest, HttpResponse } from "#ch03/message.ts";
import { BOOK_CSP, DATA_CSP, securityHeaders } from "#ch10/security-headers.ts";
import { request } from "#testing/synthetic.ts";

const HELLO: HttpResponse = Object.freeze({
  status: 200,
  headers: Object.freeze([Object.freeze(["content-type", "text/plain"] as const)]),
  body: "hello world",
});

const overTls = (r: HttpRequest): HttpRequest => ({
  ...r,
  connection: { ...r.connection, secure: true },
});

describe("securityHeaders", () => {
  test("adds every field the response lacks; HSTS only over TLS", () => {
    const handler = securityHeaders()(() => HELLO);
    const plain = handler(request("GET /hello")) as HttpResponse;
    expect(getHeader(plain.headers ?? [], "content-security-policy")).toBe(DATA_CSP);
    expect(getHeader(plain.headers ?? [], "x-content-type-options")).toBe("nosniff");
    expect(getHeader(plain.headers ?? [], "strict-transport-security")).toBeUndefined();
    const secure = handler(overTls(request("GET /hello"))) as HttpResponse;
    expect(getHeader(secure.headers ?? [], "strict-transport-security")).toMatch(/^max-age=\d+/);
  });

  test("the document policy where a document can be, the short strict one elsewhere", () => {
    const typed = (type: string | undefined): HttpResponse => ({
      status: 200,
      headers: type === undefined ? [] : [["content-type", type]],
    });
    const cspOf = (type: string | undefined) => {
      const out = securityHeaders()(() => typed(type))(request("GET /")) as HttpResponse;
      return getHeader(out.headers ?? [], "content-security-policy");
    };
    for (const type of ["text/html; charset=utf-8", "image/svg+xml", "application/xhtml+xml"]) {
      expect(cspOf(type), type).toBe(BOOK_CSP);
    }
    expect(cspOf(undefined), "no Content-Type (may be sniffed as HTML)").toBe(BOOK_CSP);
    for (const type of ["text/plain", "application/json", "image/png", "text/css"]) {
      expect(cspOf(type), type).toBe(DATA_CSP);
    }
  });

  test("a 304 gets no Content-Security-Policy: the cache keeps its 200's (RFC 9111 §4.3.4)", () => {
    // Chapter 07's 304 has no Content-Type (RFC 9110 §15.4.5), so the
    // document policy would replace a JSON file's strict one in the cache.
    const notModified: HttpResponse = { status: 304, headers: [["etag", '"1"']] };
    for (const r of [request("GET /data.json"), overTls(request("GET /data.json"))]) {
      const out = securityHeaders()(() => notModified)(r) as HttpResponse;
      expect(getHeader(out.headers ?? [], "content-security-policy")).toBeUndefined();
      expect(getHeader(out.headers ?? [], "x-content-type-options")).toBe("nosniff");
    }
  });

  test("a field the handler set keeps its value, whatever its case", () => {
    const own: HttpResponse = { status: 200, headers: [["Referrer-Policy", "origin"]] };
    const out = securityHeaders()(() => own)(request("GET /")) as HttpResponse;
    const lines = (out.headers ?? []).filter(([n]) => n.toLowerCase() === "referrer-policy");
    expect(lines).toEqual([["Referrer-Policy", "origin"]]);
  });

  test("a synchronous handler gets a synchronous answer, the same frozen copy each time", () => {
    const handler = securityHeaders()(() => HELLO);
    const first = handler(request("GET /hello"));
    const second = handler(request("GET /hello"));
    // No promise: chapter 03 writes it in the same turn as the read.
    expect(first).not.toBeInstanceOf(Promise);
    // One copy per constant response, so chapter 03 encodes its head once.
    expect(second).toBe(first);
    expect(isImmutableResponse(first as HttpResponse)).toBe(true);
  });

  test("an asynchronous handler still gets the fields; fresh responses are not shared", async () => {
    const handler = securityHeaders()(async () => ({ status: 200, headers: [] }));
    const a = await handler(request("GET /a"));
    const b = await handler(request("GET /a"));
    expect(getHeader(a.headers ?? [], "cross-origin-opener-policy")).toBe("same-origin");
    expect(b).not.toBe(a);
  });
});
