/**
 * Chapter 09's two HTTPS middlewares on synthetic requests: where a plain
 * request is sent (RFC 6797 §7.2, RFC 9110 §15.4.9) and which host it names.
 */
import { describe, expect, test } from "vitest";
import type { HttpRequest, HttpResponse } from "#ch03/message.ts";
import { hostOnly, httpsRedirect } from "#ch09/https-middleware.ts";
import { request } from "#testing/synthetic.ts";

const OK: HttpResponse = { status: 200, body: "served" };
const redirect = (tlsPort: number) => httpsRedirect(tlsPort)(() => OK);
const location = (r: HttpResponse | Promise<HttpResponse>) =>
  (r as HttpResponse).headers?.find(([n]) => n === "location")?.[1];

describe("hostOnly: the host of the authority, without its port", () => {
  test.each([
    ["example.com:8080", "example.com"],
    ["example.com", "example.com"],
    ["[::1]:8080", "[::1]"],
    ["[::1]", "[::1]"],
    ["127.0.0.1:80", "127.0.0.1"],
  ])("Host: %s -> %s", (host, expected) => {
    expect(hostOnly(request("GET /", ["host", host]))).toBe(expected);
  });
  test("no Host, or a port with no host: undefined", () => {
    expect(hostOnly(request("GET /"))).toBeUndefined();
    expect(hostOnly(request("GET /", ["host", ":8080"]))).toBeUndefined();
  });
  test("an absolute-form target's authority wins over Host (RFC 9112 §3.2.2)", () => {
    const r = request("GET http://a.example:81/x", ["host", "b.example"]);
    expect(hostOnly(r)).toBe("a.example");
  });
});

describe("httpsRedirect", () => {
  test("a plain request: 308 to the same path and query on the TLS port", () => {
    const r = redirect(8443)(request("POST /form?x=1&y", ["host", "h.example:8080"]));
    expect((r as HttpResponse).status).toBe(308);
    expect(location(r)).toBe("https://h.example:8443/form?x=1&y");
  });
  test("port 443 is the https default: left out of the Location", () => {
    expect(location(redirect(443)(request("GET /a", ["host", "h.example"])))).toBe(
      "https://h.example/a",
    );
  });
  test("absolute-form and asterisk-form targets keep a usable path", () => {
    const absolute = request("GET http://h.example/p?q", ["host", "h.example"]);
    expect(location(redirect(8443)(absolute))).toBe("https://h.example:8443/p?q");
    const star = request("OPTIONS *", ["host", "[::1]:8080"]);
    expect(location(redirect(8443)(star))).toBe("https://[::1]:8443/");
  });
  test("secure requests and requests without a host are served as they are", () => {
    const plain: HttpRequest = request("GET /x");
    expect(redirect(8443)(plain)).toBe(OK);
    const secure: HttpRequest = {
      ...request("GET /x", ["host", "h.example"]),
      connection: { remoteAddress: "127.0.0.1", remotePort: 1, secure: true },
    };
    expect(redirect(8443)(secure)).toBe(OK);
  });
});
