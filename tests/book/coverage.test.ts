/**
 * Book coverage: code lines (not comments, not blanks) of solutions/ and
 * src/ that a chapter shows through code or exercise references.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { codeLines, measureCoverage } from "../../tools/book/coverage.ts";

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");

describe("codeLines", () => {
  test("counts lines with tokens, not comments or blank lines", () => {
    const text = [
      "/** doc */", // 1
      "// note", // 2
      "", // 3
      "const a = 1; // trailing", // 4
      "const s = `x", // 5
      "y`;", // 6
      "/* block", // 7
      "   comment */", // 8
      "export {};", // 9
    ].join("\n");
    expect([...codeLines("t.ts", text)].sort((a, b) => a - b)).toEqual([4, 5, 6, 9]);
  });
});

describe("measureCoverage", () => {
  test("counts exactly the code lines inside referenced symbols", () => {
    // The fixture chapter shows LineBuffer.push (36-40: 5 code lines),
    // MAX_LINE_BYTES (8: 1), shout (44-46: 3) and splitLines (25-29: 5);
    // its design notes (chapters/notes/) show SplitResult (11-14: 4).
    // The file has 22 code lines (8, 11-14, 25-29, 32-33, 36-41, 44-46, 48).
    const rows = measureCoverage(FIXTURE);
    expect(rows).toEqual([
      { unit: "solutions/01-fixture", code: 22, shown: 18 },
      { unit: "total", code: 22, shown: 18 },
    ]);
  });
});
