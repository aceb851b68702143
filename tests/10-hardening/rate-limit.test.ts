/**
 * The rate-limit middleware on synthetic requests: 429, Retry-After and
 * the RateLimit fields (draft-ietf-httpapi-ratelimit-headers-11).
 */
import { describe, expect, test } from "vitest";
import { getHeader } from "#ch02/header-list.ts";
import type { HttpRequest } from "#ch03/message.ts";
import { forwardedClient, rateLimit, rateLimitFields } from "#ch10/rate-limit.ts";
import { request } from "#testing/synthetic.ts";

const ok = () => ({ status: 200, body: "ok" });

function from(address: string, ...headers: [string, string][]): HttpRequest {
  const base = request("GET /api/time", ...headers);
  return { ...base, connection: { ...base.connection, remoteAddress: address } };
}

describe("rateLimit()", () => {
  test("a burst past the quota gets 429 with Retry-After and the fields", async () => {
    let now = 0;
    const handler = rateLimit({ policy: { capacity: 3, windowSeconds: 6 }, now: () => now })(ok);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await handler(from("192.0.2.1"))).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await handler(from("192.0.2.1"));
    const h = refused.headers ?? [];
    expect(refused.status).toBe(429);
    expect(getHeader(h, "retry-after")).toBe("2");
    expect(getHeader(h, "ratelimit-policy")).toBe('"default";q=3;w=6');
    expect(getHeader(h, "ratelimit")).toBe('"default";r=0;t=6');
    now = 2_000;
    expect((await handler(from("192.0.2.1"))).status, "served again after Retry-After").toBe(200);
  });

  test("every allowed response carries RateLimit and RateLimit-Policy", async () => {
    const handler = rateLimit({ policy: { capacity: 10, windowSeconds: 60 }, now: () => 0 })(ok);
    const response = await handler(from("192.0.2.7"));
    expect(getHeader(response.headers ?? [], "ratelimit")).toBe('"default";r=9;t=6');
  });

  test("clients are counted apart", async () => {
    const handler = rateLimit({ policy: { capacity: 1, windowSeconds: 60 }, now: () => 0 })(ok);
    expect((await handler(from("192.0.2.1"))).status).toBe(200);
    expect((await handler(from("192.0.2.1"))).status).toBe(429);
    expect((await handler(from("192.0.2.2"))).status).toBe(200);
  });

  test("a key function returning undefined exempts the request", async () => {
    const handler = rateLimit({
      policy: { capacity: 1, windowSeconds: 60 },
      key: () => undefined,
    })(ok);
    for (let i = 0; i < 5; i++) expect((await handler(from("192.0.2.1"))).status).toBe(200);
  });
});

test("rateLimitFields follows the draft's syntax", () => {
  const taken = { allowed: true, bucket: { tokens: 4, updatedAt: 0 } };
  const fields = rateLimitFields(
    "api",
    { capacity: 100, windowSeconds: 60 },
    {
      ...taken,
      remaining: 4,
      resetSeconds: 58,
      retryAfterSeconds: 0,
    },
  );
  expect(fields).toEqual([
    ["ratelimit-policy", '"api";q=100;w=60'],
    ["ratelimit", '"api";r=4;t=58'],
  ]);
});

describe("forwardedClient (behind a proxy)", () => {
  const key = (request: HttpRequest) => forwardedClient(["10.0.0.1"])(request);

  test("through the trusted proxy: the rightmost untrusted hop", () => {
    const req = from("10.0.0.1", ["X-Forwarded-For", "6.6.6.6, 203.0.113.9"]);
    expect(key(req)).toBe("203.0.113.9");
  });

  test("a client cannot choose its key by sending X-Forwarded-For itself", () => {
    expect(key(from("203.0.113.9", ["X-Forwarded-For", "1.2.3.4"]))).toBe("203.0.113.9");
  });

  test("the proxy's own hops are skipped; no header keys the proxy", () => {
    expect(key(from("10.0.0.1", ["X-Forwarded-For", "198.51.100.4, 10.0.0.1"]))).toBe(
      "198.51.100.4",
    );
    expect(key(from("10.0.0.1"))).toBe("10.0.0.1");
  });
});
