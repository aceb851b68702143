/**
 * The exercise machinery itself: scanning tags, stubbing bodies, stripping
 * hints. If these break, every chapter's gate silently lies.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { changedByLearner, sha } from "../../tools/exercises/generate.ts";
import { scanExercises } from "../../tools/exercises/scan.ts";
import { stripHintTags, stubSource } from "../../tools/exercises/transform.ts";

const SOURCE = `/** A module. */
import { thing } from "./thing.ts";

/**
 * Adds.
 * @exercise
 * @hint nudge: look at the plus sign.
 * @hint concept: addition is
 *   commutative.
 * @hint solution: return a + b.
 */
export function add(a: number, b: number): number {
  return a + b;
}

/** Not an exercise. */
export function keep(): number {
  return thing;
}

export class Box {
  /**
   * @exercise
   * @hint nudge: wrap it.
   */
  wrap(x: number): number[] {
    return [x];
  }
}

/**
 * @exercise
 * @hint nudge: double it.
 */
export const twice = (x: number): number => x * 2;
`;

describe("scanExercises", () => {
  test("finds functions, methods and arrow constants tagged @exercise", () => {
    const found = scanExercises("m.ts", SOURCE);
    expect(found.map((e) => e.name)).toEqual(["add", "Box.wrap", "twice"]);
  });

  test("reads hint tiers in order, without their labels, folding lines", () => {
    const [add] = scanExercises("m.ts", SOURCE);
    expect(add?.hints).toEqual([
      "look at the plus sign.",
      "addition is commutative.",
      "return a + b.",
    ]);
  });

  test("reports the line of the declaration's name", () => {
    const [add] = scanExercises("m.ts", SOURCE);
    expect(SOURCE.split("\n")[(add?.line ?? 0) - 1]).toContain("function add(");
  });
});

describe("stubSource", () => {
  const opts = { chapter: "09", learnerFile: "exercises/09-x/m.ts", stripHints: true };

  test("replaces every exercise body with a NotImplemented throw", () => {
    const { text } = stubSource("m.ts", SOURCE, opts);
    expect(text).not.toContain("return a + b;");
    expect(text).not.toContain("return [x];");
    expect(text).not.toContain("x * 2");
    expect(text.match(/throw new NotImplemented\(/g)).toHaveLength(3);
    expect(text).toContain('name: "Box.wrap",');
    expect(text).toContain('hint: "look at the plus sign.",');
  });

  test("indents a stub like the code around it: a method one level deeper", () => {
    const { text } = stubSource("m.ts", SOURCE, opts);
    expect(text).toContain(
      [
        "  wrap(x: number): number[] {",
        "    throw new NotImplemented({",
        '      chapter: "09",',
        '      name: "Box.wrap",',
      ].join("\n"),
    );
    expect(text).toContain(
      ["export function add(a: number, b: number): number {", "  throw new NotImplemented({"].join(
        "\n",
      ),
    );
    // Every stub line is indented by whole levels and closes where it opened.
    expect(text).toMatch(/\n {4}\}\);\n {2}\}\n/);
  });

  test("keeps code that is not an exercise", () => {
    const { text } = stubSource("m.ts", SOURCE, opts);
    expect(text).toContain("return thing;");
  });

  test("imports NotImplemented once, after the existing imports", () => {
    const { text } = stubSource("m.ts", SOURCE, opts);
    const lines = text.split("\n");
    const at = lines.findIndex((l) => l.includes("#course/not-implemented.ts"));
    expect(at).toBe(lines.findIndex((l) => l.startsWith("import { thing }")) + 1);
  });

  test("strips hints from learner copies but keeps @exercise", () => {
    const { text } = stubSource("m.ts", SOURCE, opts);
    expect(text).not.toContain("@hint");
    expect(text).not.toContain("commutative");
    expect(text).toContain("@exercise");
  });

  test("stubs only the named exercise when asked (CI's caught check)", () => {
    const { text } = stubSource("m.ts", SOURCE, { ...opts, only: "twice", stripHints: false });
    expect(text).toContain("return a + b;");
    expect(text).not.toContain("x * 2");
  });

  test("refuses an exercise without a return type, naming file and line", () => {
    const src = "/**\n * @exercise\n */\nexport function f(a: number) {\n  return a;\n}\n";
    expect(() => stubSource("bad.ts", src, opts)).toThrow(
      /bad\.ts:4: exercise f needs an explicit return type/,
    );
  });

  test("a stubbed file still compiles as TypeScript syntax", async () => {
    const ts = (await import("typescript")).default;
    const { text } = stubSource("m.ts", SOURCE, opts);
    const out = ts.transpileModule(text, { reportDiagnostics: true, compilerOptions: {} });
    expect(out.diagnostics ?? []).toEqual([]);
  });
});

describe("stripHintTags", () => {
  test("removes multi-line hint tags and nothing else", () => {
    const doc = "/**\n * Why.\n * @exercise\n * @hint nudge: a\n *   b\n * @see RFC\n */";
    expect(stripHintTags(doc)).toBe("/**\n * Why.\n * @exercise\n * @see RFC\n */");
  });
});

describe("a learner's work is never overwritten silently", () => {
  test("a file whose hash differs from the generator's record is the learner's", () => {
    const root = mkdtempSync(path.join(tmpdir(), "handshake-gen-"));
    try {
      const chapter = {
        number: "01",
        slug: "01-x",
        title: "x",
        solutionsDir: path.join(root, "solutions", "01-x"),
        exercisesDir: path.join(root, "exercises", "01-x"),
        testsDir: path.join(root, "tests", "01-x"),
        textFile: path.join(root, "chapters", "01-x.md"),
      };
      mkdirSync(chapter.exercisesDir, { recursive: true });
      const stub = "export const a = 1;\n";
      writeFileSync(path.join(chapter.exercisesDir, "a.ts"), stub);
      writeFileSync(path.join(chapter.exercisesDir, "b.ts"), stub);
      writeFileSync(path.join(chapter.exercisesDir, "new.ts"), stub);
      const manifest = { "01-x/a.ts": sha(stub), "01-x/b.ts": sha(stub) };
      expect(changedByLearner(chapter, manifest)).toEqual([]);
      writeFileSync(path.join(chapter.exercisesDir, "b.ts"), "export const a = 2; // mine\n");
      const changed = changedByLearner(chapter, manifest);
      expect(changed).toHaveLength(1);
      expect(changed[0]).toMatch(/exercises\/01-x\/b\.ts$/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
