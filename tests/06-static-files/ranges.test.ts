import { describe, expect, test } from "vitest";
import { expectTrue } from "#testing/wire.ts";
import { parseRangeHeader, type RangeSpec } from "#ch06/range-header.ts";
import { type ByteRange, resolveRanges } from "#ch06/satisfiable-ranges.ts";
import { BOOK } from "./fixtures.ts";

const LIMITS = { maxRanges: 16, coalesceGap: 80 };
const lesson = (value: string) => ({
  rule: "RFC 9110 §14.1.2: byte ranges are inclusive; '-n' is the last n bytes",
  book: `${BOOK}#range-requests`,
  curl: `curl -H 'Range: ${value}' http://127.0.0.1:8080/file`,
  sent: `Range: ${value}\r\n`,
});

/** Parse and resolve against a representation of `size` bytes. */
function ranges(value: string, size: number): ByteRange[] | string {
  const parsed = parseRangeHeader(value);
  if (parsed.kind === "ignore") return "ignore";
  const outcome = resolveRanges(parsed.specs, size, LIMITS);
  return outcome.kind === "partial" ? [...outcome.ranges] : outcome.kind;
}

describe("RFC 9110 §14.1.2 examples, representation of 10000 bytes", () => {
  const r = (first: number, last: number): ByteRange => ({ first, last });
  const examples: [string, string, ByteRange[]][] = [
    ["the first 500 bytes", "bytes=0-499", [r(0, 499)]],
    ["the second 500 bytes", "bytes=500-999", [r(500, 999)]],
    ["the final 500 bytes (suffix)", "bytes=-500", [r(9500, 9999)]],
    ["the final 500 bytes (open-ended)", "bytes=9500-", [r(9500, 9999)]],
    ["the first and last bytes only", "bytes=0-0,-1", [r(0, 0), r(9999, 9999)]],
    ["second 500, split in two (coalesced)", "bytes=500-600,601-999", [r(500, 999)]],
    ["second 500, overlapping (coalesced)", "bytes=500-700,601-999", [r(500, 999)]],
  ];
  test.each(examples)("%s: %s", (_name, value, expected) => {
    const got = ranges(value, 10_000);
    expectTrue(
      JSON.stringify(got) === JSON.stringify(expected),
      `Range: ${value} on 10000 bytes should select ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`,
      lesson(value),
    );
  });
});

describe("satisfiability (RFC 9110 §14.1.2, §15.5.17)", () => {
  const cases: [string, string, number, ByteRange[] | string][] = [
    ["last-pos past the end is clamped", "bytes=0-99999", 1000, [{ first: 0, last: 999 }]],
    [
      "suffix longer than the file is the whole file",
      "bytes=-5000",
      1000,
      [{ first: 0, last: 999 }],
    ],
    ["first-pos at the length is unsatisfiable", "bytes=1000-", 1000, "unsatisfiable"],
    ["first-pos past the end is unsatisfiable", "bytes=5000-6000", 1000, "unsatisfiable"],
    ["a zero-length suffix is unsatisfiable", "bytes=-0", 1000, "unsatisfiable"],
    [
      "unsatisfiable specs are dropped, others kept",
      "bytes=5000-,0-9",
      1000,
      [{ first: 0, last: 9 }],
    ],
    ["any int-range on an empty file is unsatisfiable", "bytes=0-", 0, "unsatisfiable"],
    ["a suffix on an empty file sends the (empty) whole", "bytes=-10", 0, "whole"],
    [
      "huge numbers do not overflow",
      "bytes=0-99999999999999999999999",
      10,
      [{ first: 0, last: 9 }],
    ],
    ["huge first-pos is unsatisfiable", "bytes=99999999999999999999999-", 10, "unsatisfiable"],
    [
      "ranges in request order when none merge",
      "bytes=900-909,0-9",
      1000,
      [
        { first: 900, last: 909 },
        { first: 0, last: 9 },
      ],
    ],
  ];
  test.each(cases)("%s: %s (size %d)", (_name, value, size, expected) => {
    expect(ranges(value, size), lesson(value).rule).toEqual(expected);
  });
});

describe("invalid Range is ignored, not an error (RFC 9110 §14.2)", () => {
  const invalid: [string, string][] = [
    ["unknown unit", "items=0-5"],
    ["no unit", "0-499"],
    ["last-pos before first-pos", "bytes=500-499"],
    ["no dash", "bytes=500"],
    ["letters", "bytes=a-b"],
    ["negative first-pos", "bytes=--5"],
    ["empty range-set", "bytes="],
    ["only commas", "bytes=,,"],
    ["spaces around '='", "bytes = 0-1"],
    ["one bad spec poisons the set", "bytes=0-1,x"],
    ["decimal", "bytes=0.5-1"],
  ];
  test.each(invalid)("%s: %s", (_name, value) => {
    const parsed = parseRangeHeader(value);
    expectTrue(
      parsed.kind === "ignore",
      `Range: ${value} must be ignored, parsed ${JSON.stringify(parsed)}`,
      lesson(value),
    );
  });

  test("the unit is case-insensitive and list whitespace is allowed (§5.6.1)", () => {
    const parsed = parseRangeHeader("Bytes=0-1 , ,\t5-");
    const expected: RangeSpec[] = [
      { kind: "int", first: 0, last: 1 },
      { kind: "int", first: 5, last: undefined },
    ];
    expect(parsed).toEqual({ kind: "ranges", specs: expected });
  });
});

describe("amplification defences (RFC 9110 §14.2, CVE-2011-3192)", () => {
  test(`more than ${LIMITS.maxRanges} ranges: ignore and send the whole file`, () => {
    const many = `bytes=${Array.from({ length: 17 }, (_, i) => `${i * 200}-${i * 200 + 1}`).join(",")}`;
    expect(ranges(many, 10_000)).toBe("whole");
    const fine = `bytes=${Array.from({ length: 16 }, (_, i) => `${i * 200}-${i * 200 + 1}`).join(",")}`;
    expect((ranges(fine, 10_000) as ByteRange[]).length).toBe(16);
  });
  test("the whole file requested many times is sent once", () => {
    const got = ranges("bytes=0-,0-,0-,0-,0-,-10000", 10_000);
    expect(got).toEqual([{ first: 0, last: 9999 }]);
  });
  test("tiny ranges closer than the coalesce gap merge into one part", () => {
    const tiny = `bytes=${Array.from({ length: 16 }, (_, i) => `${i * 10}-${i * 10}`).join(",")}`;
    expect(ranges(tiny, 10_000)).toEqual([{ first: 0, last: 150 }]);
  });
  test("selected bytes never exceed the file size after coalescing", () => {
    const overlapping = "bytes=0-5000,100-6000,-6000,4000-,3000-9000";
    const got = ranges(overlapping, 10_000) as ByteRange[];
    const total = got.reduce((n, r) => n + r.last - r.first + 1, 0);
    expectTrue(
      total <= 10_000,
      `overlapping ranges select ${total} bytes of a 10000-byte file`,
      lesson(overlapping),
    );
  });
});
