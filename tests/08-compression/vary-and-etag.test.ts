import { describe, test } from "vitest";
import type { HeaderList } from "#ch03/message.ts";
import { encodedHeaders } from "#ch08/compression.ts";
import { suffixEntityTag } from "#ch08/entity-tag-suffix.ts";
import { mergeVary } from "#ch08/vary.ts";
import { expectTrue } from "#testing/wire.ts";
import { ETAGS, VARY } from "./lessons.ts";

const show = (h: HeaderList): string => JSON.stringify(h);

describe("mergeVary (RFC 9110 §12.5.5)", () => {
  const table: readonly (readonly [string, HeaderList, HeaderList])[] = [
    [
      "no Vary yet",
      [["etag", '"1"']],
      [
        ["etag", '"1"'],
        ["vary", "Accept-Encoding"],
      ],
    ],
    ["keeps an existing member first", [["vary", "Origin"]], [["vary", "Origin, Accept-Encoding"]]],
    [
      "merges several lines into one",
      [
        ["vary", "Origin"],
        ["vary", "Accept-Language"],
      ],
      [["vary", "Origin, Accept-Language, Accept-Encoding"]],
    ],
    [
      "already present, other case: unchanged",
      [["vary", "accept-encoding"]],
      [["vary", "accept-encoding"]],
    ],
    ["Vary: * covers everything: unchanged", [["vary", "*"]], [["vary", "*"]]],
    ["empty members are dropped", [["vary", " , Origin,"]], [["vary", "Origin, Accept-Encoding"]]],
  ];
  test.each(table)("%s", (_name, before, after) => {
    const got = mergeVary(before, "Accept-Encoding");
    expectTrue(
      show(got) === show(after),
      `mergeVary(${show(before)}) = ${show(got)}, expected ${show(after)}`,
      VARY,
    );
  });
});

describe("suffixEntityTag (RFC 9110 §8.8.3)", () => {
  const table: readonly (readonly [string, string, string | undefined])[] = [
    ['"abc"', "gzip", '"abc-gzip"'],
    ['"abc"', "br", '"abc-br"'],
    ['W/"v7"', "br", 'W/"v7-br"'],
    ['  "5a1-17e3" ', "deflate", '"5a1-17e3-deflate"'],
    ['""', "gzip", '"-gzip"'],
    ["abc", "gzip", undefined],
    ['w/"abc"', "gzip", undefined],
    ['"a"b"', "gzip", undefined],
    ['"a b"', "gzip", undefined],
  ];
  test.each(table)("%s + %s → %s", (etag, coding, expected) => {
    const got = suffixEntityTag(etag, coding);
    expectTrue(
      got === expected,
      `suffixEntityTag(${etag}, ${coding}) = ${got}, expected ${expected}`,
      ETAGS,
    );
  });

  test("the encoded headers: coding, suffixed tag, Vary, no identity length or ranges", () => {
    const got = encodedHeaders(
      [
        ["content-type", "text/html"],
        ["content-length", "5000"],
        ["accept-ranges", "bytes"],
        ["etag", '"x"'],
        ["vary", "Origin"],
      ],
      "gzip",
    );
    const want: HeaderList = [
      ["content-type", "text/html"],
      ["content-encoding", "gzip"],
      ["vary", "Origin, Accept-Encoding"],
      ["etag", '"x-gzip"'],
    ];
    expectTrue(show(got) === show(want), `got ${show(got)}`, ETAGS);
  });

  test("a malformed ETag is dropped rather than published suffixed", () => {
    const got = encodedHeaders([["etag", "not-quoted"]], "br");
    expectTrue(!got.some(([n]) => n === "etag"), `got ${show(got)}`, ETAGS);
  });
});
