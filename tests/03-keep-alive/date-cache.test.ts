/** The Date field: IMF-fixdate (RFC 9110 §5.6.7), formatted once a second. */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DateCache, formatImfFixdate } from "#ch03/date-cache.ts";
import { expectBytes } from "#testing/wire.ts";

const BOOK = "chapters/03-keep-alive.md#the-date-cache";
const RULE = 'RFC 9110 §5.6.7: IMF-fixdate = day-name "," SP date1 SP time-of-day SP GMT';

describe("formatImfFixdate", () => {
  test("RFC 9110 §5.6.7's own example", () => {
    expectBytes(
      formatImfFixdate(Date.UTC(1994, 10, 6, 8, 49, 37)),
      "Sun, 06 Nov 1994 08:49:37 GMT",
      { rule: RULE, book: BOOK },
    );
  });

  test("single-digit days and times are zero-padded", () => {
    expectBytes(formatImfFixdate(Date.UTC(2026, 0, 2, 3, 4, 5)), "Fri, 02 Jan 2026 03:04:05 GMT", {
      rule: RULE,
      book: BOOK,
    });
  });

  test("agrees with Date.prototype.toUTCString for any time (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(9999, 11, 31) }), (ms) => {
        expect(formatImfFixdate(ms)).toBe(new Date(ms).toUTCString());
      }),
      { numRuns: 500 },
    );
  });
});

describe("DateCache.current", () => {
  test("formats once per second, however many responses", () => {
    let now = Date.UTC(1994, 10, 6, 8, 49, 37, 10);
    let formats = 0;
    const cache = new DateCache(
      () => now,
      (ms) => {
        formats++;
        return formatImfFixdate(ms);
      },
    );
    for (let i = 0; i < 100; i++) expect(cache.current()).toBe("Sun, 06 Nov 1994 08:49:37 GMT");
    expect(formats, "100 calls in one second must format once").toBe(1);
    now += 989; // 08:49:37.999: still the same second
    cache.current();
    expect(formats).toBe(1);
    now += 1; // 08:49:38.000
    expect(cache.current()).toBe("Sun, 06 Nov 1994 08:49:38 GMT");
    expect(formats, "a new second must format again").toBe(2);
  });

  test("moving the clock backwards still gives the right date", () => {
    let now = Date.UTC(2000, 0, 1, 0, 0, 10);
    const cache = new DateCache(() => now);
    expect(cache.current()).toBe("Sat, 01 Jan 2000 00:00:10 GMT");
    now -= 5000;
    expect(cache.current()).toBe("Sat, 01 Jan 2000 00:00:05 GMT");
  });
});
