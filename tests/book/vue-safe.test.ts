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

  test("< before a name is text outside inline code, and code spans stay as written", () => {
    expect(vueSafe("new Set<number>(); log <cert>: <reason>")).toBe(
      "new Set&lt;number>(); log &lt;cert>: &lt;reason>",
    );
    expect(vueSafe("`Set<number>` and a < b")).toBe("`Set<number>` and a < b");
    expect(vueSafe("{ async *[Symbol.asyncIterator]() { … }")).toContain(
      "[Symbol.asyncIterator]\\()",
    );
  });

  test("{{ cannot open a Vue interpolation; fenced code is untouched", () => {
    expect(vueSafe("a {{ b }} c")).toBe("a {&#8203;{ b }} c");
    const fenced = "```ts\nconst o = { a: 1 }\n```";
    expect(vueSafe(fenced)).toBe(fenced);
  });
});
