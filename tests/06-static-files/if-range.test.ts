import { describe, test } from "vitest";
import { expectTrue } from "#testing/wire.ts";
import { formatHttpDate, parseHttpDate } from "#ch06/http-date.ts";
import { ifRangeHolds } from "#ch06/if-range.ts";
import { BOOK } from "./fixtures.ts";

const MODIFIED = Date.UTC(1994, 10, 6, 8, 49, 37); // Sun, 06 Nov 1994 08:49:37 GMT
const NOW = MODIFIED + 60_000;
const CURRENT = { etag: '"abc-123"', modifiedMs: MODIFIED + 250 };

const lesson = (value: string) => ({
  rule: "RFC 9110 §13.1.5: If-Range holds only on a strong match of the validator",
  book: `${BOOK}#if-range`,
  curl: `curl -r 0-99 -H 'If-Range: ${value}' http://127.0.0.1:8080/file`,
  sent: `If-Range: ${value}\r\n`,
});

describe("If-Range evaluation (RFC 9110 §13.1.5)", () => {
  const cases: [string, string, number, boolean][] = [
    ["the same strong ETag", '"abc-123"', NOW, true],
    ["a different ETag", '"abc-124"', NOW, false],
    ["a weak ETag never matches (strong comparison, §8.8.3.2)", 'W/"abc-123"', NOW, false],
    ["an unquoted tag is not an entity-tag", "abc-123", NOW, false],
    ["the exact Last-Modified (IMF-fixdate)", "Sun, 06 Nov 1994 08:49:37 GMT", NOW, true],
    ["the exact Last-Modified (obsolete RFC 850)", "Sunday, 06-Nov-94 08:49:37 GMT", NOW, true],
    ["the exact Last-Modified (obsolete asctime)", "Sun Nov  6 08:49:37 1994", NOW, true],
    [
      "a later date is not a match (no 'newer than' for If-Range)",
      "Sun, 06 Nov 1994 08:49:38 GMT",
      NOW,
      false,
    ],
    ["an earlier date is not a match", "Sun, 06 Nov 1994 08:49:36 GMT", NOW, false],
    [
      "a date within a second of now is weak (§8.8.2.2)",
      "Sun, 06 Nov 1994 08:49:37 GMT",
      MODIFIED + 900,
      false,
    ],
    ["garbage", "yesterday", NOW, false],
    ["lenient Date.parse forms are not HTTP-dates", "1994-11-06T08:49:37Z", NOW, false],
  ];
  test.each(cases)("%s: %s", (_name, value, now, holds) => {
    expectTrue(
      ifRangeHolds(value, CURRENT, now) === holds,
      `If-Range: ${value} against ETag ${CURRENT.etag}, Last-Modified ${formatHttpDate(CURRENT.modifiedMs)} should ${holds ? "hold (206)" : "fail (200, whole file)"}`,
      lesson(value),
    );
  });
});

describe("HTTP-date (RFC 9110 §5.6.7)", () => {
  test.each([
    ["Sun, 06 Nov 1994 08:49:37 GMT", MODIFIED],
    ["Sunday, 06-Nov-94 08:49:37 GMT", MODIFIED],
    ["Sun Nov  6 08:49:37 1994", MODIFIED],
    ["Sun, 31 Feb 1994 08:49:37 GMT", undefined],
    ["Sun, 06 Nov 1994 08:49:37 UTC", undefined],
    ["Sun, 06 Nov 1994 25:49:37 GMT", undefined],
  ])("%s", (text, ms) => {
    expectTrue(parseHttpDate(text, NOW) === ms, `parseHttpDate(${text}) should be ${ms}`, {
      rule: "recipients accept IMF-fixdate, RFC 850 and asctime, nothing else",
    });
  });
  test("formatting is IMF-fixdate", () => {
    expectTrue(formatHttpDate(MODIFIED + 999) === "Sun, 06 Nov 1994 08:49:37 GMT", "format", {});
  });
});
