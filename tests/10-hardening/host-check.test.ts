/**
 * The Host allow-list: DNS rebinding turns a browser into a client of
 * your local server; the Host field is what gives it away.
 */
import { describe, expect, test } from "vitest";
import { checkHost, hostCheck, hostOf, isAllowedHost, LOCAL_HOSTS } from "#ch10/host-check.ts";
import { request } from "#testing/synthetic.ts";

describe("hostOf: the host part of an authority (RFC 3986 §3.2.2)", () => {
  test.each([
    ["localhost:8080", "localhost"],
    ["LocalHost", "localhost"],
    ["[::1]:8080", "[::1]"],
    ["[::1]", "[::1]"],
    ["127.0.0.1:80", "127.0.0.1"],
    ["Example.COM.", "example.com."],
  ])("%s → %s", (authority, host) => {
    expect(hostOf(authority)).toBe(host);
  });
});

describe("isAllowedHost", () => {
  const list = ["localhost", "*.example.com", "book.test."];
  test.each([
    ["localhost", true],
    ["localhost.", true],
    ["a.example.com", true],
    ["a.b.example.com", true],
    ["example.com", false],
    ["evilexample.com", false],
    ["book.test", true],
    ["rebind.attacker.test", false],
  ])("%s → %s", (host, allowed) => {
    expect(isAllowedHost(host, list)).toBe(allowed);
  });
});

describe("checkHost", () => {
  test("a listed name with any port passes", () => {
    expect(checkHost(request("GET /", ["Host", "localhost:8080"]), LOCAL_HOSTS)).toEqual({
      ok: true,
      host: "localhost",
    });
    expect(checkHost(request("GET /", ["Host", "[::1]:8080"]), LOCAL_HOSTS).ok).toBe(true);
  });

  test("DNS rebinding: the attacker's name is refused with 421 (RFC 9110 §15.5.20)", () => {
    const verdict = checkHost(request("GET /", ["Host", "rebind.attacker.test:8080"]), LOCAL_HOSTS);
    expect(verdict).toMatchObject({ ok: false, status: 421 });
  });

  test("no Host at all (HTTP/1.0) is a 400: the name cannot be checked", () => {
    expect(checkHost(request("GET /"), LOCAL_HOSTS)).toMatchObject({ ok: false, status: 400 });
  });

  test("absolute-form: the target's authority wins over Host (RFC 9112 §3.2.2)", () => {
    const smuggled = request("GET http://evil.test/x", ["Host", "localhost"]);
    expect(checkHost(smuggled, LOCAL_HOSTS)).toMatchObject({ ok: false, status: 421 });
    const fine = request("GET http://localhost:8080/x", ["Host", "evil.test"]);
    expect(checkHost(fine, LOCAL_HOSTS).ok).toBe(true);
  });
});

test("hostCheck() answers 421 with a reason and passes the rest", async () => {
  const handler = hostCheck(["localhost"])(() => ({ status: 200, body: "ok" }));
  const refused = await handler(request("GET /", ["Host", "evil.test"]));
  expect(refused.status).toBe(421);
  expect(refused.body).toBe("MISDIRECTED: this server does not answer for evil.test\n");
  expect((await handler(request("GET /", ["Host", "localhost"]))).status).toBe(200);
});

test("hostCheck() judges each request by its own name, whatever came before", async () => {
  const handler = hostCheck(["localhost", "*.lan"])(() => ({ status: 200, body: "ok" }));
  const statuses: number[] = [];
  for (const host of ["localhost", "localhost:8080", "evil.test", "evil.test", "a.lan", "lan"]) {
    statuses.push((await handler(request("GET /", ["Host", host]))).status);
  }
  expect(statuses).toEqual([200, 200, 421, 421, 200, 421]);
  expect((await handler(request("GET /"))).status).toBe(400);
});
