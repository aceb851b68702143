/**
 * Directive expansion: what the site shows in place of each reference.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { CodeResolver } from "../../tools/book/code-refs.ts";
import { expandMarkdown } from "../../tools/book/expand.ts";
import { renderTranscript, transcriptRows } from "../../tools/book/render-transcript.ts";

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
const CHAPTER = "chapters/01-fixture.md";
const api = (file: string, symbol: string): string | undefined =>
  symbol === "LineBuffer.push" ? `/api/classes/LineBuffer.html#push?${file}` : undefined;

const expand = (md: string) => expandMarkdown(md, CHAPTER, new CodeResolver(FIXTURE), api);

describe("code directives", () => {
  test("become a captioned, line-numbered block with the API link", () => {
    const x = expand("<!-- code: solutions/01-fixture/line-splitter.ts#LineBuffer.push -->");
    expect(x.errors).toEqual([]);
    expect(x.markdown).toContain(
      '<span class="code-ref-file">solutions/01-fixture/line-splitter.ts</span>',
    );
    expect(x.markdown).toContain("method <code>push</code> of class <code>LineBuffer</code>");
    expect(x.markdown).toContain("lines 35–40");
    expect(x.markdown).toContain(
      'href="/api/classes/LineBuffer.html#push?solutions/01-fixture/line-splitter.ts"',
    );
    expect(x.markdown).toContain("```ts:line-numbers=35\n/** Adds a chunk;");
  });

  test("an unexported symbol gets no API link", () => {
    const x = expand("<!-- code: solutions/01-fixture/line-splitter.ts#shout -->");
    expect(x.errors).toEqual([]);
    expect(x.markdown).toContain("function <code>shout</code>");
    expect(x.markdown).not.toContain("code-ref-api");
  });
});

describe("exercise directives", () => {
  const x = expand("<!-- exercise: solutions/01-fixture/line-splitter.ts#splitLines -->");

  test("show the signature, the doc prose and the gate", () => {
    expect(x.errors).toEqual([]);
    expect(x.markdown).toContain(
      "```ts\nexport function splitLines(text: string): SplitResult\n```",
    );
    expect(x.markdown).toContain("Splits complete lines off the text");
    expect(x.markdown).toContain("`exercises/01-fixture/line-splitter.ts`");
    expect(x.markdown).toContain("```sh\nnpm run learn\n```");
  });

  test("fold the hints in tiers, in order", () => {
    const tiers = [...x.markdown.matchAll(/::: details (Hint \d · [a-z-]+)/g)].map((m) => m[1]);
    expect(tiers).toEqual(["Hint 1 · nudge", "Hint 2 · concept", "Hint 3 · near-solution"]);
    expect(x.markdown).not.toContain("@hint");
  });

  test("fold the reference body away, without the doc comment", () => {
    const solution = x.markdown.split("::: details Show the solution\n")[1] ?? "";
    expect(solution.startsWith("```ts:line-numbers=25\nexport function splitLines")).toBe(true);
    expect(solution).toContain('const rest = parts.pop() ?? "";');
  });
});

describe("transcripts", () => {
  const text = readFileSync(path.join(FIXTURE, "tests/01-fixture/transcript.txt"), "utf8");

  test("group runs of client and server lines, keep notes and events", () => {
    expect(transcriptRows(text, "t.txt")).toEqual([
      { side: "note", text: "The client sends two lines in one write." },
      { side: "client", lines: ["hello\\r\\n", "world\\r\\n"] },
      { side: "server", lines: ["HELLO\\r\\n", "{*}\\r\\n"] },
      { side: "event", text: "the server closes the connection" },
    ]);
  });

  test("render as one HTML block with escapes dimmed and wildcards marked", () => {
    const html = renderTranscript(text, "tests/01-fixture/transcript.txt");
    expect(html).not.toMatch(/\n\s*\n/);
    expect(html).toContain('<span class="t-esc">\\r</span>');
    expect(html).toContain('<span class="t-wild" title="any value">…</span>');
    expect(html).toContain('class="t-row t-client"');
    expect(html).toContain('class="t-row t-server"');
  });

  test("a malformed line fails with the transcript's file:line", () => {
    expect(() => transcriptRows("> ok\n? what\n", "t.txt")).toThrow(/^t\.txt:2: /);
  });
});

describe("a whole chapter", () => {
  test("expands every directive and leaves the prose alone", () => {
    const md = readFileSync(path.join(FIXTURE, CHAPTER), "utf8");
    const x = expand(md);
    expect(x.errors).toEqual([]);
    expect(x.resolved.map((r) => r.kind)).toEqual([
      "code",
      "code",
      "code",
      "transcript",
      "exercise",
    ]);
    expect(x.markdown).not.toMatch(/<!-- (code|exercise|transcript):/);
    expect(x.markdown).toContain("A TCP read can end anywhere");
  });

  test("collects every broken reference, each with file:line", () => {
    const md = [
      "<!-- code: solutions/01-fixture/line-splitter.ts#nope -->",
      "",
      "<!-- transcript: tests/01-fixture/missing.txt -->",
    ].join("\n");
    const x = expand(md);
    expect(x.errors).toHaveLength(2);
    expect(x.errors[0]).toMatch(/^chapters\/01-fixture\.md:1: /);
    expect(x.errors[1]).toMatch(/^chapters\/01-fixture\.md:3: .*no such file/);
  });
});
