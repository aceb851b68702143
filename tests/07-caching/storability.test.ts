import { describe, test } from "vitest";
import type { HttpResponse } from "#ch03/message.ts";
import { canStore } from "#ch07/storability.ts";
import { expectTrue } from "#testing/wire.ts";
import { request } from "./requests.ts";

type Row = readonly [
  name: string,
  req: readonly [line: string, ...headers: [string, string][]],
  res: HttpResponse,
  want: string,
  shared?: boolean,
];

const ok = (...headers: [string, string][]): HttpResponse => ({ status: 200, headers, body: "x" });
const AUTH: [string, string] = ["Authorization", "Bearer t0ken"];

// RFC 9111 §3 (and §3.5 for Authorization), as a shared cache unless noted.
const rows: readonly Row[] = [
  ["plain 200 GET: heuristically cacheable (RFC 9110 §15.1)", ["GET /a"], ok(), "store"],
  ["POST responses are not stored", ["POST /a"], ok(["cache-control", "max-age=60"]), "method"],
  ["HEAD responses are not stored (no body to replay)", ["HEAD /a"], ok(), "method"],
  ["206 Partial Content is not stored", ["GET /a"], { status: 206 }, "status"],
  ["304 is not stored", ["GET /a"], { status: 304 }, "status"],
  ["404 is heuristically cacheable", ["GET /a"], { status: 404 }, "store"],
  ["201 without freshness is not", ["GET /a"], { status: 201 }, "no-freshness"],
  [
    "302 with max-age is",
    ["GET /a"],
    { status: 302, headers: [["cache-control", "max-age=60"]] },
    "store",
  ],
  [
    "302 with Expires is",
    ["GET /a"],
    { status: 302, headers: [["expires", "Thu, 01 Jan 2099 00:00:00 GMT"]] },
    "store",
  ],
  ["500 without freshness is not", ["GET /a"], { status: 500 }, "no-freshness"],
  ["response no-store", ["GET /a"], ok(["cache-control", "no-store"]), "no-store"],
  [
    "unparseable Cache-Control (it might have said no-store)",
    ["GET /a"],
    ok(["cache-control", "no-store; private"]),
    "invalid-cache-control",
  ],
  [
    "request no-store (§5.2.1.5)",
    ["GET /a", ["Cache-Control", "no-store"]],
    ok(),
    "request-no-store",
  ],
  [
    "private in a shared cache",
    ["GET /a"],
    ok(["cache-control", "private, max-age=60"]),
    "private",
  ],
  ["private in a private cache", ["GET /a"], ok(["cache-control", "private"]), "store", false],
  [
    "Authorization without permission (§3.5)",
    ["GET /a", AUTH],
    ok(["cache-control", "max-age=60"]),
    "authorization",
  ],
  [
    "Authorization with public",
    ["GET /a", AUTH],
    ok(["cache-control", "public, max-age=60"]),
    "store",
  ],
  ["Authorization with s-maxage", ["GET /a", AUTH], ok(["cache-control", "s-maxage=60"]), "store"],
  [
    "Authorization with must-revalidate",
    ["GET /a", AUTH],
    ok(["cache-control", "must-revalidate, max-age=60"]),
    "store",
  ],
  ["Authorization in a private cache", ["GET /a", AUTH], ok(), "store", false],
  [
    "a request with Cookie: the answer may be personal",
    ["GET /a", ["Cookie", "sid=1"]],
    ok(["cache-control", "max-age=60"]),
    "cookie",
  ],
  [
    "a request with Cookie, answer public",
    ["GET /a", ["Cookie", "sid=1"]],
    ok(["cache-control", "public, max-age=60"]),
    "store",
  ],
  [
    "a request with Cookie, answer varies on Cookie",
    ["GET /a", ["Cookie", "sid=1"]],
    ok(["cache-control", "max-age=60"], ["vary", "Cookie"]),
    "store",
  ],
  ["Vary: * never matches, so is not stored", ["GET /a"], ok(["vary", "accept, *"]), "vary-star"],
  ["Set-Cookie belongs to one client", ["GET /a"], ok(["set-cookie", "sid=1"]), "set-cookie"],
  [
    "no-cache would need revalidation on every use",
    ["GET /a"],
    ok(["cache-control", "no-cache"]),
    "no-cache",
  ],
];

describe("what a cache may store (RFC 9111 §3)", () => {
  for (const [name, [line, ...headers], res, want, shared = true] of rows) {
    test(name, () => {
      const got = canStore(request(line, ...headers), res, shared);
      const summary = got.store ? "store" : got.reason;
      expectTrue(summary === want, `${name}: got ${summary}, expected ${want}`, {
        rule: "RFC 9111 §3: store only final responses to understood methods, without no-store, private (shared) or unpermitted Authorization",
        book: "chapters/07-caching.md#what-may-be-stored",
      });
    });
  }
});
