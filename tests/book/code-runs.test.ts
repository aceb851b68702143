/**
 * Prose between code: a chapter never shows more than two code blocks in
 * a row without a sentence that says what the next one is for (chapter
 * 03 is the model). A block is a fenced block or a woven reference
 * (`<!-- code: -->`, `<!-- exercise: -->`, `<!-- transcript: -->`).
 * Every chapter holds to it: there are no exceptions to grow back.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { listNotes } from "../../tools/book/site-source.ts";
import { listChapters, ROOT } from "../../tools/course/chapters.ts";

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

  test.each(listChapters().map((c) => c.slug))(
    "%s: no run of three code blocks without prose",
    (slug) => {
      const runs = codeRuns(readFileSync(path.join(ROOT, "chapters", `${slug}.md`), "utf8"));
      expect(runs, `chapters/${slug}.md: runs start at these lines`).toEqual([]);
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
