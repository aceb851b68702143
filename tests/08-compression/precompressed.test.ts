import type { Stats } from "node:fs";
import { describe, test } from "vitest";
import { parseAcceptEncoding } from "#ch08/accept-encoding.ts";
import type { Coding } from "#ch08/codings.ts";
import { choosePrecompressed, type Sibling } from "#ch08/precompressed.ts";
import { expectTrue } from "#testing/wire.ts";
import { PRECOMPRESSED } from "./lessons.ts";

const ORIGINAL = { mtimeMs: 1000 };
const sibling = (coding: Coding, mtimeMs: number): Sibling => ({
  coding,
  file: `app.js.${coding}`,
  stats: { mtimeMs } as Stats,
});

describe("choosePrecompressed", () => {
  const table: readonly (readonly [string, string | undefined, readonly Sibling[], string])[] = [
    [
      "br and gzip on disk, both accepted: br",
      "gzip, br",
      [sibling("br", 2000), sibling("gzip", 2000)],
      "br",
    ],
    [
      "the client prefers gzip by q",
      "br;q=0.5, gzip",
      [sibling("br", 2000), sibling("gzip", 2000)],
      "gzip",
    ],
    ["only gzip on disk", "br, gzip", [sibling("gzip", 2000)], "gzip"],
    ["br on disk but not accepted", "gzip", [sibling("br", 2000)], "original"],
    ["no Accept-Encoding: the original", undefined, [sibling("br", 2000)], "original"],
    [
      "a stale br is skipped for a fresh gzip",
      "br, gzip",
      [sibling("br", 999), sibling("gzip", 1000)],
      "gzip",
    ],
    [
      "every sibling stale: the original",
      "br, gzip",
      [sibling("br", 10), sibling("gzip", 10)],
      "original",
    ],
  ];
  test.each(table)("%s", (_name, field, siblings, expected) => {
    const parsed = field === undefined ? undefined : parseAcceptEncoding(field);
    const prefs = parsed?.kind === "ok" ? parsed.preferences : undefined;
    const got = choosePrecompressed(prefs, ORIGINAL, siblings)?.coding ?? "original";
    expectTrue(got === expected, `chose ${got}, expected ${expected}`, PRECOMPRESSED);
  });
});
