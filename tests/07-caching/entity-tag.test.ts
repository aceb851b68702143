import { describe, expect, test } from "vitest";
import { entityTagsMatch, formatEntityTag, parseEntityTag } from "#ch07/entity-tag.ts";
import { parseEntityTagList } from "#ch07/entity-tag-list.ts";
import { expectTrue } from "#testing/wire.ts";

const BOOK = "chapters/07-caching.md#validators";

describe("entity-tag comparison (RFC 9110 §8.8.3.2)", () => {
  // The RFC's own table, row by row: ETag 1, ETag 2, strong, weak.
  const table = [
    ['W/"1"', 'W/"1"', false, true],
    ['W/"1"', 'W/"2"', false, false],
    ['W/"1"', '"1"', false, true],
    ['"1"', '"1"', true, true],
  ] as const;
  for (const [a, b, strong, weak] of table) {
    test(`${a} vs ${b}: strong ${strong ? "match" : "no match"}, weak ${weak ? "match" : "no match"}`, () => {
      const x = parseEntityTag(a)!;
      const y = parseEntityTag(b)!;
      for (const [mode, want] of [
        ["strong", strong],
        ["weak", weak],
      ] as const) {
        for (const [l, r] of [
          [x, y],
          [y, x],
        ]) {
          expectTrue(
            entityTagsMatch(l!, r!, mode) === want,
            `${mode} comparison of ${formatEntityTag(l!)} and ${formatEntityTag(r!)} should be ${want}`,
            {
              rule: "RFC 9110 §8.8.3.2: strong = both strong and same opaque-tag; weak = same opaque-tag",
              book: BOOK,
            },
          );
        }
      }
    });
  }
});

describe("parsing one entity-tag (RFC 9110 §8.8.3)", () => {
  const good = [
    ['"xyzzy"', { weak: false, opaque: "xyzzy" }],
    ['W/"xyzzy"', { weak: true, opaque: "xyzzy" }],
    ['""', { weak: false, opaque: "" }],
    ['  "a!#~"  ', { weak: false, opaque: "a!#~" }],
  ] as const;
  for (const [text, tag] of good)
    test(`accepts ${text}`, () => expect(parseEntityTag(text)).toEqual(tag));
  const bad = ["xyzzy", 'w/"x"', '"x', '"a b"', '"x" "y"', 'W/ "x"', '"x\u0001"'];
  for (const text of bad)
    test(`rejects ${JSON.stringify(text)}`, () => expect(parseEntityTag(text)).toBeUndefined());
  test("formats weak and strong tags", () => {
    expect(formatEntityTag({ weak: true, opaque: "v1" })).toBe('W/"v1"');
    expect(formatEntityTag({ weak: false, opaque: "v1" })).toBe('"v1"');
  });
});

describe("If-Match / If-None-Match lists (RFC 9110 §13.1.1, §13.1.2)", () => {
  test("* means any", () => expect(parseEntityTagList(" * ")).toEqual({ kind: "any" }));
  test("RFC 9110 §13.1.2 example list", () => {
    expect(parseEntityTagList('"xyzzy", "r2d2xxxx", "c3piozzzz"')).toEqual({
      kind: "tags",
      tags: ["xyzzy", "r2d2xxxx", "c3piozzzz"].map((opaque) => ({ weak: false, opaque })),
    });
  });
  test("mixes weak and strong, skips empty elements (RFC 9110 §5.6.1)", () => {
    expect(parseEntityTagList('W/"a", , "b",')).toEqual({
      kind: "tags",
      tags: [
        { weak: true, opaque: "a" },
        { weak: false, opaque: "b" },
      ],
    });
  });
  for (const bad of ["", "xyzzy", '"a" "b"', '"a", *', '"a";q=1'])
    test(`rejects ${JSON.stringify(bad)}`, () =>
      expect(parseEntityTagList(bad).kind).toBe("invalid"));
});
