/**
 * The chapter's sample table is generated from the tests' own data and the
 * real parser; this test keeps the book from drifting from the code. Cells
 * are compared trimmed, so the formatter may pad the table's columns.
 */
import { readFileSync } from "node:fs";
import { test } from "vitest";
import { expectTrue } from "#testing/wire.ts";
import { sampleTable } from "./sample-table.ts";

const CHAPTER = new URL("../../chapters/02-request-parser.md", import.meta.url);

/** A Markdown table row's cells, trimmed; separator rows become "---". */
function cells(row: string): string {
  return row
    .trim()
    .replace(/^\||\|$/g, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/^-+$/, "---"))
    .join(" | ");
}

test("the chapter's sample table matches what the parser does", () => {
  const rows = readFileSync(CHAPTER, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("|"))
    .map(cells);
  const want = sampleTable().split("\n").map(cells);
  const start = rows.indexOf(want[0] ?? "");
  const found = start >= 0 && want.every((row, i) => rows[start + i] === row);
  expectTrue(found, `chapters/02-request-parser.md should contain:\n\n${sampleTable()}\n`, {
    rule: "the book shows only what the tests check",
    book: "chapters/02-request-parser.md#samples-bytes-in-head-out",
  });
});
