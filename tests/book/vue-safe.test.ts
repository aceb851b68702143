/**
 * Hints and doc comments are prose that VitePress reads as markdown with
 * Vue and markdown-it-attrs on top: `{{` and a trailing `{ … }` must not
 * reach them raw (a chapter 11 hint ending in `}` was read as an attribute
 * list and broke the book build; the build itself is the end-to-end check).
 */
import { describe, expect, test } from "vitest";
import { vueSafe } from "../../tools/book/render-code.ts";

describe("vueSafe", () => {
  test("a line ending in } no longer ends in } (markdown-it-attrs reads that)", () => {
    const hint = "for (;;) { if (done) return; this.#state = step.next; }";
    expect(vueSafe(hint)).toBe(`${hint}&#8203;`);
    expect(vueSafe("two lines {\nand }  ")).toBe("two lines {\nand }&#8203;");
  });

  test("{{ cannot open a Vue interpolation; fenced code is untouched", () => {
    expect(vueSafe("a {{ b }} c")).toBe("a {&#8203;{ b }} c");
    const fenced = "```ts\nconst o = { a: 1 }\n```";
    expect(vueSafe(fenced)).toBe(fenced);
  });
});
