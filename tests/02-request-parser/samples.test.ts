/**
 * The chapter's sample table is generated from the tests' own data and the
 * real parser; this test keeps the book from drifting from the code.
 */
import { readFileSync } from "node:fs";
import { test } from "vitest";
import { expectTrue } from "#testing/wire.ts";
import { sampleTable } from "./sample-table.ts";

const CHAPTER = new URL("../../chapters/02-request-parser.md", import.meta.url);

test("the chapter's sample table matches what the parser does", () => {
  const text = readFileSync(CHAPTER, "utf8");
  const table = sampleTable();
  expectTrue(
    text.includes(`${table}\n`),
    `chapters/02-request-parser.md should contain:\n\n${table}\n`,
    {
      rule: "the book shows only what the tests check",
      book: "chapters/02-request-parser.md#samples-bytes-in-head-out",
    },
  );
});
