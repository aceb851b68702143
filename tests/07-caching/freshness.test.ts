import { describe, expect, test } from "vitest";
import type { HeaderList } from "#ch03/message.ts";
import { currentAge, freshnessLifetime } from "#ch07/freshness.ts";
import { expectTrue } from "#testing/wire.ts";

const T = Date.UTC(2026, 10, 26, 12, 0, 0);
const DATE: [string, string] = ["date", "Thu, 26 Nov 2026 12:00:00 GMT"];

type Row = readonly [name: string, headers: HeaderList, shared: boolean, want: number | undefined];

// RFC 9111 §4.2.1: s-maxage (shared) → max-age → Expires − Date → heuristic.
const rows: readonly Row[] = [
  ["max-age", [["cache-control", "max-age=60"]], true, 60],
  [
    "s-maxage beats max-age in a shared cache",
    [["cache-control", "max-age=60, s-maxage=600"]],
    true,
    600,
  ],
  ["a private cache ignores s-maxage", [["cache-control", "max-age=60, s-maxage=600"]], false, 60],
  [
    "max-age beats Expires",
    [["cache-control", "max-age=60"], ["expires", "Thu, 26 Nov 2026 13:00:00 GMT"], DATE],
    true,
    60,
  ],
  ["Expires minus Date", [["expires", "Thu, 26 Nov 2026 13:00:00 GMT"], DATE], true, 3600],
  [
    "Expires minus response time when Date is absent",
    [["expires", "Thu, 26 Nov 2026 12:05:00 GMT"]],
    true,
    300,
  ],
  [
    "Expires in the past is 0, never negative",
    [["expires", "Thu, 26 Nov 2026 11:00:00 GMT"], DATE],
    true,
    0,
  ],
  ["Expires: 0 means already expired (§5.3)", [["expires", "0"]], true, 0],
  [
    "conflicting max-age means stale (§4.2.1)",
    [["cache-control", "max-age=60, max-age=70"]],
    true,
    0,
  ],
  [
    "no explicit freshness → heuristic (undefined)",
    [["content-type", "text/plain"]],
    true,
    undefined,
  ],
];

describe("freshness lifetime (RFC 9111 §4.2.1)", () => {
  for (const [name, headers, shared, want] of rows) {
    test(name, () => {
      const got = freshnessLifetime(headers, shared, T);
      expectTrue(got === want, `${name}: lifetime ${got}, expected ${want}`, {
        rule: "RFC 9111 §4.2.1: s-maxage (shared caches), else max-age, else Expires minus Date",
        book: "chapters/07-caching.md#freshness",
      });
    });
  }
});

describe("current age (RFC 9111 §4.2.3)", () => {
  test("resident time adds to the Age received", () => {
    const a = { ageValue: 30, requestTime: T, responseTime: T, dateValue: T };
    expect(currentAge(a, T + 10_000)).toBe(40);
  });
  test("a Date in the past gives an apparent age", () => {
    const a = { ageValue: 0, requestTime: T, responseTime: T, dateValue: T - 5000 };
    expect(currentAge(a, T)).toBe(5);
  });
  test("transit delay counts against the Age received", () => {
    const a = { ageValue: 10, requestTime: T, responseTime: T + 2000 };
    expect(currentAge(a, T + 2000)).toBe(12);
  });
});
