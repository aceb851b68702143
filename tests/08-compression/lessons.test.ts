import { readFileSync } from "node:fs";
import { test } from "vitest";
import { expectTrue } from "#testing/wire.ts";
import { headingAnchors } from "../../tools/book/slug.ts";
import * as lessons from "./lessons.ts";

test("every lesson's book link names a heading of the chapter", () => {
  const chapter = readFileSync(
    new URL("../../chapters/08-compression.md", import.meta.url),
    "utf8",
  );
  const anchors = headingAnchors(chapter);
  for (const [name, lesson] of Object.entries(lessons)) {
    if (typeof lesson === "string") continue;
    const anchor = lesson.book.split("#")[1] ?? "";
    expectTrue(anchors.has(anchor), `lesson ${name} links to #${anchor}, which is no heading`, {});
  }
});
