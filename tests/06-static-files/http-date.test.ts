import { describe, expect, test } from "vitest";
import { formatHttpDate, parseHttpDate } from "#ch06/http-date.ts";
import { expectTrue } from "#testing/wire.ts";

const RULE = "RFC 9110 §5.6.7: a recipient MUST accept IMF-fixdate, rfc850-date and asctime-date";
const NOV_6_1994 = Date.UTC(1994, 10, 6, 8, 49, 37);
const NOW = Date.UTC(2026, 10, 26);

describe("HTTP-date (RFC 9110 §5.6.7)", () => {
  const examples = [
    ["IMF-fixdate", "Sun, 06 Nov 1994 08:49:37 GMT"],
    ["obsolete RFC 850 format", "Sunday, 06-Nov-94 08:49:37 GMT"],
    ["obsolete asctime() format", "Sun Nov  6 08:49:37 1994"],
  ] as const;
  for (const [name, text] of examples) {
    test(`parses the RFC's ${name} example`, () => {
      const got = parseHttpDate(text, NOW);
      expectTrue(got === NOV_6_1994, `${text} parsed as ${got}, expected ${NOV_6_1994}`, {
        rule: RULE,
        book: "chapters/07-caching.md#validators",
      });
    });
  }

  test("two-digit years more than 50 years ahead are in the past (§5.6.7)", () => {
    const in2026 = Date.UTC(2026, 0, 1);
    expect(parseHttpDate("Tuesday, 01-Jan-70 00:00:00 GMT", in2026)).toBe(Date.UTC(2070, 0, 1));
    expect(parseHttpDate("Wednesday, 01-Jan-76 00:00:00 GMT", in2026)).toBe(Date.UTC(2076, 0, 1));
    expect(parseHttpDate("Tuesday, 01-Jan-77 00:00:00 GMT", in2026)).toBe(Date.UTC(1977, 0, 1));
  });

  test("asctime days may be space-padded or two digits (date3)", () => {
    expect(parseHttpDate("Thu Nov 26 10:00:00 2026", NOW)).toBe(Date.UTC(2026, 10, 26, 10));
    expect(parseHttpDate("Sun Nov 06 08:49:37 1994", NOW)).toBe(NOV_6_1994);
    expect(parseHttpDate("Sun Nov 6 08:49:37 1994", NOW)).toBeUndefined();
  });

  const invalid = [
    ["lowercase month (names are case-sensitive)", "Sun, 06 nov 1994 08:49:37 GMT"],
    ["not GMT", "Sun, 06 Nov 1994 08:49:37 UTC"],
    ["one-digit day in IMF-fixdate", "Sun, 6 Nov 1994 08:49:37 GMT"],
    ["hour 24", "Sun, 06 Nov 1994 24:00:00 GMT"],
    ["31 February", "Wed, 31 Feb 2021 00:00:00 GMT"],
    ["day 00", "Sun, 00 Nov 1994 08:49:37 GMT"],
    ["the value 0 (Expires: 0)", "0"],
    ["ISO 8601", "1994-11-06T08:49:37Z"],
    ["trailing garbage", "Sun, 06 Nov 1994 08:49:37 GMT junk"],
  ] as const;
  for (const [why, text] of invalid)
    test(`rejects ${why}`, () => expect(parseHttpDate(text, NOW)).toBeUndefined());

  test("formats IMF-fixdate, dropping milliseconds", () => {
    expect(formatHttpDate(NOV_6_1994 + 999)).toBe("Sun, 06 Nov 1994 08:49:37 GMT");
  });

  test("format then parse is the identity at one-second resolution", () => {
    for (let i = 0; i < 200; i++) {
      const t = Math.floor((i * 7_919_993_731) % 4_102_444_800) * 1000;
      expect(parseHttpDate(formatHttpDate(t), NOW)).toBe(t);
    }
  });
});
