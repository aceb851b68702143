/**
 * The Host allow-list: DNS rebinding turns a browser into a client of
 * your local server; the Host field is what gives it away.
 */
import { describe, expect, test } from "vitest";
import { checkHost, hostCheck, hostOf, isAllowedHost, LOCAL_HOSTS } from "#ch10/host-check.ts";
import { request } from "#testing/synthetic.ts";
import { expectTrue } from "#testing/wire.ts";
import { connectPeer, within } from "./attacker.ts";
import { startHardened } from "./server.ts";

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

  test("no Host at all (HTTP/1.0, RFC 9112 §3.2) asks for the default name and passes", () => {
    expect(checkHost(request("GET /"), LOCAL_HOSTS)).toEqual({ ok: true, host: "" });
    expect(checkHost(request("GET /"), ["book.example"]).ok).toBe(true);
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
  // No name after a refused one: the default name, served.
  expect((await handler(request("GET /"))).status).toBe(200);
});

test("on the wire, with the list on: HTTP/1.0 without Host is served, HTTP/1.1 without it is a 400", async () => {
  const server = await startHardened();
  try {
    const answer = async (head: string) => {
      const peer = await connectPeer(server.port);
      peer.socket.write(head);
      await within(peer.closed, 3_000);
      peer.socket.destroy();
      return peer.received();
    };
    const old = await answer("GET /hello HTTP/1.0\r\n\r\n");
    expectTrue(old.startsWith("HTTP/1.1 200 "), `HTTP/1.0 without Host got: ${old}`, {
      rule: "RFC 9112 §3.2: only HTTP/1.1 must send Host; HTTP/1.0 asks for the default name",
      book: "chapters/10-hardening.md#host-validation",
      curl: "printf 'GET /hello HTTP/1.0\\r\\n\\r\\n' | nc 127.0.0.1 8080",
    });
    const missing = await answer("GET /hello HTTP/1.1\r\nConnection: close\r\n\r\n");
    expect(missing).toMatch(/^HTTP\/1\.1 400 /);
    const foreign = await answer("GET /hello HTTP/1.0\r\nHost: rebind.example\r\n\r\n");
    expect(foreign).toMatch(/^HTTP\/1\.1 421 /);
  } finally {
    await server.close();
  }
});
