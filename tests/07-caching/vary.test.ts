import { describe, expect, test } from "vitest";
import type { HeaderList } from "#ch03/message.ts";
import { varyFields, varyKey } from "#ch07/vary.ts";
import { expectTrue } from "#testing/wire.ts";

const FIELDS = ["accept-encoding", "accept-language"];

type Row = readonly [name: string, a: HeaderList, b: HeaderList, same: boolean];

// RFC 9111 §4.1: a stored response matches when every field Vary nominates
// has the same value in both requests, after normalization.
const rows: readonly Row[] = [
  ["identical values", [["accept-language", "fr"]], [["accept-language", "fr"]], true],
  ["different values", [["accept-language", "fr"]], [["accept-language", "en"]], false],
  ["fields not nominated do not matter", [["user-agent", "a"]], [["user-agent", "b"]], true],
  ["absent vs empty are different", [], [["accept-language", ""]], false],
  ["absent in both matches", [], [], true],
  [
    "whitespace around commas is normalized",
    [["accept-encoding", "gzip,br"]],
    [["accept-encoding", "gzip , br"]],
    true,
  ],
  [
    "two lines combine like one",
    [
      ["accept-encoding", "gzip"],
      ["accept-encoding", "br"],
    ],
    [["accept-encoding", "gzip, br"]],
    true,
  ],
  [
    "order of members matters",
    [["accept-encoding", "gzip, br"]],
    [["accept-encoding", "br, gzip"]],
    false,
  ],
  [
    "one field differs among two",
    [
      ["accept-encoding", "gzip"],
      ["accept-language", "fr"],
    ],
    [
      ["accept-encoding", "gzip"],
      ["accept-language", "de"],
    ],
    false,
  ],
  [
    "a value cannot spoof a second field",
    [["accept-encoding", 'gzip","x']],
    [
      ["accept-encoding", "gzip"],
      ["accept-language", "x"],
    ],
    false,
  ],
];

describe("Vary secondary keys (RFC 9111 §4.1)", () => {
  for (const [name, a, b, same] of rows) {
    test(name, () => {
      const equal = varyKey(FIELDS, a) === varyKey(FIELDS, b);
      expectTrue(
        equal === same,
        `${name}: keys ${equal ? "equal" : "differ"}, expected ${same ? "equal" : "different"}`,
        {
          rule: "RFC 9111 §4.1: a field absent from a request matches only if also absent in the other",
          book: "chapters/07-caching.md#vary",
        },
      );
    });
  }
  test("Vary names are lowercased, sorted, deduplicated; * wins", () => {
    expect(
      varyFields([
        ["vary", "Accept-Language, accept-encoding"],
        ["vary", "ACCEPT-ENCODING"],
      ]),
    ).toEqual(FIELDS);
    expect(varyFields([["vary", "accept, *"]])).toBe("*");
    expect(varyFields([])).toEqual([]);
  });
});
