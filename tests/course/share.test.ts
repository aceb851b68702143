/**
 * The share of a chapter's code that the stubs remove: what counts as a
 * code line, what counts as removed, and the floor `npm test` enforces.
 */
import { describe, expect, test } from "vitest";
import { belowFloor, chapterShare, fileShare, readFloor } from "../../tools/exercises/share.ts";
import { listChapters } from "../../tools/course/chapters.ts";

const SOURCE = `/**
 * A module comment: not code.
 */
import { x } from "./x.ts";

// a line comment: not code

/**
 * Adds one.
 * @exercise
 * @hint nudge: add
 */
export function addOne(n: number): number {
  // inside the body, a comment is still not code
  const one = 1;

  return n + one;
}

const text = \`a
b\`;
`;

describe("fileShare", () => {
  test("counts code lines, not blank or comment lines", () => {
    // import, function line, const one, return, closing brace, const text (2 lines)
    expect(fileShare("f.ts", SOURCE).code).toBe(7);
  });

  test("counts the body's code lines as removed, never its braces", () => {
    expect(fileShare("f.ts", SOURCE).removed).toBe(2);
  });

  test("an arrow function's expression body counts whole", () => {
    const src = `/** @exercise */\nexport const f = (a: number): number =>\n  a +\n  1;\n`;
    expect(fileShare("g.ts", src)).toMatchObject({ code: 3, removed: 2 });
  });
});

describe("the floor", { timeout: 120_000 }, () => {
  test("names a chapter below its floor and passes one at it", () => {
    const shares = [
      { chapter: "01", slug: "01-a", code: 100, removed: 30, percent: 30 },
      { chapter: "02", slug: "02-b", code: 100, removed: 9, percent: 9 },
    ];
    expect(belowFloor(shares, { "01": 30, "02": 10 })).toEqual([
      "chapter 02: stubs remove 9%, floor is 10%",
    ]);
  });

  test("every chapter has a floor, and today's exercises meet it", () => {
    const floor = readFloor();
    const shares = listChapters().map(chapterShare);
    for (const s of shares) expect(Object.keys(floor)).toContain(s.chapter);
    expect(belowFloor(shares, floor)).toEqual([]);
  });
});
