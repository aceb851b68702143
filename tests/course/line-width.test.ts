/**
 * The book weaves solutions/ into a column that holds 80 characters of code
 * (tests/book/code-fit.ts measures the column). Biome wraps solutions/ at 80
 * (biome.json's override) but leaves comments and template literals alone, so
 * this test holds the rest: a line over 80 characters scrolls sideways in the
 * book and is split by the PDF.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..", "solutions");
const WIDTH = 80;

/** Tables generated from RFC 7541's appendices: data, woven by excerpt only. */
const GENERATED = new Set(["12-hpack/huffman-code.ts", "12-hpack/static-table.ts"]);

/**
 * Lines still over the width: diagrams and messages that do not break well.
 * The ceiling may only go down; lower it when you shorten one.
 */
const CEILING = 10;

function overWide(): string[] {
  const found: string[] = [];
  for (const chapter of readdirSync(ROOT).sort()) {
    if (!statSync(join(ROOT, chapter)).isDirectory()) continue;
    for (const file of readdirSync(join(ROOT, chapter)).sort()) {
      const rel = `${chapter}/${file}`;
      if (!file.endsWith(".ts") || GENERATED.has(rel)) continue;
      const lines = readFileSync(join(ROOT, rel), "utf8").split("\n");
      lines.forEach((line, i) => {
        // Characters, not UTF-16 units: box-drawing diagrams count one each.
        if ([...line].length > WIDTH) found.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
    }
  }
  return found;
}

test(`solutions/ lines fit the book's ${WIDTH} columns (at most ${CEILING} exceptions)`, () => {
  const wide = overWide();
  if (wide.length > 0) console.warn(`lines over ${WIDTH} columns:\n  ${wide.join("\n  ")}`);
  expect(
    wide.length,
    `${wide.length} lines of solutions/ are wider than ${WIDTH} columns ` +
      `(ceiling ${CEILING}); wrap them (npx biome format --write, and comments by hand):\n` +
      wide.join("\n"),
  ).toBeLessThanOrEqual(CEILING);
});
