/**
 * The resolver behind `<!-- code: -->` and `<!-- exercise: -->`: symbols
 * are found by name with the compiler API, with exact line ranges, and a
 * reference that cannot resolve names the chapter's file:line.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { CodeRefError, CodeResolver, findDirectives } from "../../tools/book/code-refs.ts";

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
const FILE = "solutions/01-fixture/line-splitter.ts";
const resolver = new CodeResolver(FIXTURE);

const directive = (kind: "code" | "exercise", symbol: string, file = FILE) => ({
  kind,
  file,
  symbol,
  at: "chapters/01-fixture.md:7",
  line: 7,
});

describe("findDirectives", () => {
  test("finds one directive per line, with its file:line", () => {
    const md = [
      "# T",
      "",
      "<!-- code: solutions/a.ts#f -->",
      "  <!-- exercise: solutions/a.ts#C.m -->  ",
      "<!-- transcript: tests/01-x/transcript.txt -->",
    ].join("\n");
    expect(findDirectives(md, "chapters/01-t.md")).toEqual([
      { kind: "code", file: "solutions/a.ts", symbol: "f", at: "chapters/01-t.md:3", line: 3 },
      {
        kind: "exercise",
        file: "solutions/a.ts",
        symbol: "C.m",
        at: "chapters/01-t.md:4",
        line: 4,
      },
      {
        kind: "transcript",
        file: "tests/01-x/transcript.txt",
        symbol: "",
        at: "chapters/01-t.md:5",
        line: 5,
      },
    ]);
  });

  test("ignores directives inside fenced code and inside prose", () => {
    const md = [
      "```md",
      "<!-- code: solutions/a.ts#f -->",
      "```",
      "Write `<!-- code: solutions/a.ts#f -->` on its own line.",
      "~~~",
      "<!-- code: solutions/a.ts#g -->",
      "~~~",
    ].join("\n");
    expect(findDirectives(md, "x.md")).toEqual([]);
  });
});

describe("CodeResolver", () => {
  const cases = [
    { symbol: "MAX_LINE_BYTES", kind: "const", start: 7, decl: 8, end: 8, exported: true },
    { symbol: "SplitResult", kind: "interface", start: 10, decl: 11, end: 14, exported: true },
    { symbol: "splitLines", kind: "function", start: 16, decl: 25, end: 29, exported: true },
    { symbol: "LineBuffer", kind: "class", start: 31, decl: 32, end: 41, exported: true },
    { symbol: "LineBuffer.push", kind: "method", start: 35, decl: 36, end: 40, exported: true },
    { symbol: "shout", kind: "function", start: 43, decl: 44, end: 46, exported: false },
    { symbol: "loud", kind: "const", start: 48, decl: 48, end: 48, exported: true },
  ] as const;

  test.each(cases)("finds $symbol ($kind, lines $start-$end)", (c) => {
    const r = resolver.resolve(directive("code", c.symbol));
    if (r.kind !== "code") throw new Error("expected a code reference");
    expect({
      kind: r.symbol.kind,
      start: r.symbol.startLine,
      decl: r.symbol.declarationLine,
      end: r.symbol.endLine,
      exported: r.symbol.exported,
    }).toEqual({ kind: c.kind, start: c.start, decl: c.decl, end: c.end, exported: c.exported });
  });

  test("a method's text is dedented and keeps its doc comment", () => {
    const r = resolver.resolve(directive("code", "LineBuffer.push"));
    if (r.kind !== "code") throw new Error("expected a code reference");
    expect(r.symbol.text.split("\n")[0]).toBe(
      "/** Adds a chunk; returns the lines it completed. */",
    );
    expect(r.symbol.text.split("\n")[1]).toBe("push(chunk: string): readonly string[] {");
    expect(r.symbol.owner).toEqual({ name: "LineBuffer", kind: "class" });
  });

  test("an exercise carries its hints in tier order and its signature", () => {
    const r = resolver.resolve(directive("exercise", "splitLines"));
    if (r.kind !== "exercise") throw new Error("expected an exercise");
    expect(r.exercise.hints).toEqual([
      "a chunk can end in the middle of a line.",
      "keep the text after the last newline for next time.",
      'split on "\\n"; the last element is the rest.',
    ]);
    expect(r.exercise.signature).toBe("export function splitLines(text: string): SplitResult");
  });

  const broken = [
    {
      why: "unknown symbol",
      d: directive("code", "splitLine"),
      message: /no symbol 'splitLine'.*splitLines/,
    },
    {
      why: "unknown member",
      d: directive("code", "LineBuffer.pop"),
      message: /no symbol 'LineBuffer.pop'/,
    },
    {
      why: "missing file",
      d: directive("code", "f", "solutions/01-fixture/nope.ts"),
      message: /no such file/,
    },
    {
      why: "escaping path",
      d: directive("code", "f", "../../package.json"),
      message: /inside the repository/,
    },
    { why: "no #symbol", d: directive("code", ""), message: /missing #symbol/ },
    {
      why: "untagged exercise",
      d: directive("exercise", "LineBuffer.push"),
      message: /not tagged @exercise/,
    },
  ];

  test.each(broken)("fails on $why with the chapter's file:line", ({ d, message }) => {
    let error: unknown;
    try {
      resolver.resolve(d);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CodeRefError);
    expect((error as Error).message).toMatch(/^chapters\/01-fixture\.md:7: /);
    expect((error as Error).message).toMatch(message);
  });
});
