import { describe, expect, test } from "vitest";
import { isImmutableResponse } from "#ch03/encoded-response-cache.ts";
import { formatCacheControl, parseCacheControl } from "#ch07/cache-control.ts";
import {
  CachePolicyError,
  cacheControl,
  cacheControlPolicy,
  checkResponseCacheControl,
  matchesPattern,
} from "#ch07/cache-policy.ts";
import { MAX_DELTA_SECONDS, requestDirectives, responseDirectives } from "#ch07/directives.ts";
import { field, request } from "./requests.ts";

describe("Cache-Control syntax (RFC 9111 §5.2)", () => {
  test("parses tokens, arguments and quoted-strings; names are case-insensitive", () => {
    const got = parseCacheControl('Public, MAX-AGE=60, private="set-cookie, x-id",  no-cache');
    expect(got).toEqual({
      ok: true,
      directives: [
        ["public", undefined],
        ["max-age", "60"],
        ["private", "set-cookie, x-id"],
        ["no-cache", undefined],
      ],
    });
  });
  test('accepts the quoted form max-age="60" (recipients SHOULD)', () => {
    expect(responseDirectives([["cache-control", 'max-age="60"']]).maxAge).toBe(60);
  });
  const bad = [
    ["a space inside a directive", "max age=60"],
    ["an unterminated quote", 'private="set-cookie'],
    ["a missing argument", "max-age="],
    ["a semicolon separator", "public; max-age=60"],
  ] as const;
  for (const [why, value] of bad)
    test(`rejects ${why}`, () => expect(parseCacheControl(value).ok).toBe(false));

  test("serializes, quoting only what is not a token", () => {
    expect(
      formatCacheControl([
        ["public", undefined],
        ["max-age", "31536000"],
        ["private", 'set-cookie, "x"'],
      ]),
    ).toBe('public, max-age=31536000, private="set-cookie, \\"x\\""');
  });
  test("format then parse gives back the same directives", () => {
    const ds = [["no-cache", 'a, b"c\\d'] as const, ["s-maxage", "5"] as const];
    const parsed = parseCacheControl(formatCacheControl(ds));
    expect(parsed).toEqual({ ok: true, directives: ds });
  });
});

describe("what directives mean", () => {
  test("delta-seconds beyond 2^31 are clamped (RFC 9111 §1.2.2)", () => {
    expect(responseDirectives([["cache-control", "max-age=99999999999999"]]).maxAge).toBe(
      MAX_DELTA_SECONDS,
    );
  });
  test("conflicting max-age values make freshness invalid (§4.2.1)", () => {
    const d = responseDirectives([
      ["cache-control", "max-age=60"],
      ["cache-control", "max-age=3600"],
    ]);
    expect(d.invalidFreshness).toBe(true);
  });
  test("request directives: no-cache, no-store, max-age=0, only-if-cached", () => {
    const d = requestDirectives([
      ["cache-control", "no-cache, no-store, max-age=0, only-if-cached"],
    ]);
    expect(d).toEqual({
      noCache: true,
      noStore: true,
      maxAge: 0,
      minFresh: undefined,
      onlyIfCached: true,
    });
  });
});

describe("checking a policy value before it ships", () => {
  const problems = [
    ["maxage=60", "maxage is not a response directive"],
    ["max-age", "max-age needs a number of seconds"],
    ["max-age=1h", "max-age needs a number of seconds"],
    ["public, private", "public contradicts private"],
    ["no-store, max-age=60", "no-store contradicts max-age"],
    ["max-stale=60", "max-stale is not a response directive"],
    ["immutable=yes", "immutable takes no argument"],
    ["max-age=1, max-age=2", "max-age appears twice"],
  ] as const;
  for (const [value, problem] of problems)
    test(`"${value}": ${problem}`, () =>
      expect(checkResponseCacheControl(value).join("; ")).toContain(problem));
  for (const value of [
    "public, max-age=31536000, immutable",
    "no-cache",
    "private, no-store",
  ] as const)
    test(`"${value}" is fine`, () => expect(checkResponseCacheControl(value)).toEqual([]));
  test("a bad rule fails at start-up, naming the pattern", () => {
    expect(() => cacheControlPolicy({ "/assets/*": "public, maxage=60" })).toThrow(
      CachePolicyError,
    );
    expect(() => cacheControlPolicy({ "/assets/*": "public, maxage=60" })).toThrow(/\/assets\/\*/);
  });
});

describe("cacheControlPolicy()", () => {
  const rules = {
    "/assets/*": "public, max-age=31536000, immutable",
    "*.html": "no-cache",
    "/": "no-cache",
    "/api/*": "no-store",
  };
  const patterns = [
    ["/assets/*", "/assets/app.3f2a.js", true],
    ["/assets/*", "/assets", false],
    ["/assets/*", "/assetsX/a.js", false],
    ["*.html", "/docs/index.html", true],
    ["*.html", "/docs/index.htm", false],
    ["/", "/", true],
    ["/", "/a", false],
  ] as const;
  for (const [pattern, path, want] of patterns)
    test(`${pattern} ${want ? "matches" : "does not match"} ${path}`, () =>
      expect(matchesPattern(pattern, path)).toBe(want));

  const ok = () => ({ status: 200, headers: [["content-type", "text/plain"]] as const });
  const cases = [
    ["/assets/app.3f2a.js?v=1", "public, max-age=31536000, immutable"],
    ["/index.html", "no-cache"],
    ["/", "no-cache"],
    ["/api/time", "no-store"],
    ["/other.txt", undefined],
  ] as const;
  for (const [target, want] of cases)
    test(`GET ${target} → Cache-Control: ${want ?? "(none)"}`, async () => {
      const res = await cacheControlPolicy(rules)(ok)(request(`GET ${target}`));
      expect(field(res, "cache-control")).toBe(want);
    });
  test("a route that sets Cache-Control itself wins (per-route policy)", async () => {
    const own = () => ({ status: 200, headers: [["cache-control", "max-age=5"]] as const });
    const res = await cacheControlPolicy(rules)(own)(request("GET /index.html"));
    expect(field(res, "cache-control")).toBe("max-age=5");
  });
  test("errors get no caching policy", async () => {
    const res = await cacheControlPolicy(rules)(() => ({ status: 500 }))(
      request("GET /assets/a.js"),
    );
    expect(field(res, "cache-control")).toBeUndefined();
  });
  test("a deeply frozen response gets one frozen copy per value, the same each time", async () => {
    const { freeze } = Object;
    const held = freeze({
      status: 200,
      headers: freeze([freeze(["content-type", "text/html"] as const)]),
      body: "<p>hi</p>",
    });
    const policy = cacheControlPolicy(rules)(() => held);
    const first = await policy(request("GET /index.html"));
    expect(await policy(request("GET /index.html"))).toBe(first);
    expect(isImmutableResponse(first)).toBe(true);
    expect(field(first, "cache-control")).toBe("no-cache");
    const asset = await policy(request("GET /assets/page.html"));
    expect(field(asset, "cache-control")).toBe("public, max-age=31536000, immutable");
    const mutable = cacheControlPolicy(rules)(ok);
    const a = await mutable(request("GET /index.html"));
    expect(await mutable(request("GET /index.html"))).not.toBe(a);
  });
  test("cacheControl(value) wraps one route", async () => {
    const res = await cacheControl("public, max-age=60")(ok)(request("GET /anything"));
    expect(field(res, "cache-control")).toBe("public, max-age=60");
  });
});
