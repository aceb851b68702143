/**
 * Mermaid syntax checked at build time: a typo in a diagram fails the
 * book with the chapter's file:line instead of a "Syntax error" bomb on
 * the page.
 */
import { describe, expect, test } from "vitest";
import { checkMermaid, mermaidBlocks } from "../../tools/book/mermaid-check.ts";

const md = [
  "# T", // 1
  "", // 2
  "```mermaid", // 3
  "sequenceDiagram", // 4
  "  C->>S: GET /", // 5
  "```", // 6
  "", // 7
  "```mermaid", // 8
  "sequenceDiagram", // 9
  '  C->>S: "A"; "B" left over', // 10: ';' ends a statement
  "```", // 11
  "", // 12
  "```ts", // 13
  "const x = 1;", // 14
  "```", // 15
].join("\n");

describe("mermaidBlocks", () => {
  test("finds each mermaid fence with the line it opens on", () => {
    expect(mermaidBlocks(md).map((b) => b.line)).toEqual([3, 8]);
    expect(mermaidBlocks(md)[0]?.source).toBe("sequenceDiagram\n  C->>S: GET /");
  });
});

describe("checkMermaid", () => {
  test("reports the diagram that does not parse, and only that one", async () => {
    const problems = await checkMermaid(md, "chapters/01-t.md");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^chapters\/01-t\.md:8: mermaid diagram does not parse: Parse error/,
    );
  });
});
