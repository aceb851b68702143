/**
 * Prose between code: a chapter never shows more than two code blocks in
 * a row without a sentence that says what the next one is for (chapter
 * 03 is the model). A block is a fenced block or a woven reference
 * (`<!-- code: -->`, `<!-- exercise: -->`, `<!-- transcript: -->`).
 * Chapters written before the rule have a ceiling here that may only go
 * down; every other chapter has none.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { listNotes } from "../../tools/book/site-source.ts";
import { listChapters, ROOT } from "../../tools/course/chapters.ts";

/** Runs of three or more blocks still to break up, by chapter. */
const CEILING: Readonly<Record<string, number>> = { "06": 7, "08": 4, "10": 21, "13": 1 };

/** First lines of each run of three or more blocks without prose. */
function codeRuns(markdown: string): number[] {
  const lines = markdown.split("\n");
  const runs: number[] = [];
  let run: number[] = [];
  const end = (): void => {
    if (run.length >= 3) runs.push(run[0] as number);
    run = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const fence = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      run.push(i + 1);
      while (i + 1 < lines.length && !(lines[i + 1] as string).startsWith(fence)) i++;
      i++;
    } else if (/^\s*<!--\s*(code|exercise|transcript):/.test(line)) run.push(i + 1);
    else if (line.trim() !== "") end();
  }
  end();
  return runs;
}

describe("prose between code blocks", () => {
  test("the counter counts runs of three and not of two", () => {
    const block = "<!-- code: a.ts#x -->";
    expect(
      codeRuns([block, "", block, "", "```ts", "x", "```", "", "Why.", block].join("\n")),
    ).toEqual([1]);
    expect(codeRuns([block, "", block, "", "Why.", "", block, "", block].join("\n"))).toEqual([]);
  });

  test.each(listChapters().map((c) => [c.slug, c.number] as const))(
    "%s: no more runs of three code blocks than its ceiling",
    (slug, number) => {
      const runs = codeRuns(readFileSync(path.join(ROOT, "chapters", `${slug}.md`), "utf8"));
      const ceiling = CEILING[number] ?? 0;
      expect(runs.length, `runs start at lines ${runs.join(", ")}`).toBeLessThanOrEqual(ceiling);
    },
  );

  test.each(listNotes(ROOT).map((n) => [n.file] as const))(
    "%s: design notes follow the same rule, with no ceiling",
    (file) => {
      const runs = codeRuns(readFileSync(path.join(ROOT, file), "utf8"));
      expect(runs, "runs of three code blocks start at these lines").toEqual([]);
    },
  );
});
