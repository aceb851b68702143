/**
 * Every failing test in this chapter points the reader at a section of
 * chapters/01-sockets.md; those sections must exist, or the pointer teaches
 * nothing.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { headingAnchors } from "../../tools/book/slug.ts";
import { LESSONS } from "./echo-server.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

test("every lesson's book link names a heading of chapter 01", () => {
  const anchors = headingAnchors(readFileSync(path.join(root, "chapters/01-sockets.md"), "utf8"));
  for (const lesson of Object.values(LESSONS)) {
    const [file, anchor] = lesson.book.split("#");
    expect(file).toBe("chapters/01-sockets.md");
    expect([...anchors]).toContain(anchor);
  }
});
