/**
 * A chapter's unwritten exercises and their hint tiers, read without the
 * TypeScript compiler: `hint` answers in well under a second, and loading
 * the compiler alone (scan.ts) takes longer than that on a busy machine.
 *
 * Unwritten: the learner's file still holds the generator's stub,
 * `throw new NotImplemented({ chapter, name, file, hint })`, whose fields
 * transform.ts writes as JSON strings, one per line. Hints: the `@hint`
 * tags of the `@exercise` doc comment above the same declaration in
 * solutions/. tests/course/hint.test.ts checks that this reader agrees
 * with the compiler-based scanner on every exercise of the course.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Chapter, listSources, ROOT } from "../course/chapters.ts";
import type { ExerciseRef } from "./locate.ts";
import { exerciseSections } from "./sections.ts";

const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const STUB = new RegExp(
  String.raw`throw new NotImplemented\(\{\s*chapter: (${STRING}),\s*name: (${STRING}),` +
    String.raw`\s*file: (${STRING}),\s*hint: (${STRING}),\s*\}\)`,
  "g",
);

const MODIFIERS =
  /^(?:export|default|declare|async|function\*?|const|let|var|static|public|private|protected|readonly|override|abstract|get|set)\s+/;

/** The declared name after a doc comment: `fn`, or `method` / `#method`. */
function declared(head: string): { name: string; method: boolean } | undefined {
  let rest = head.trimStart();
  let method = true;
  for (let m = MODIFIERS.exec(rest); m; m = MODIFIERS.exec(rest)) {
    if (/^(function|const|let|var)/.test(m[0])) method = false;
    rest = rest.slice(m[0].length);
  }
  const name = /^#?[A-Za-z_$][\w$]*/.exec(rest)?.[0];
  return name ? { name, method } : undefined;
}

/** A doc comment's `@hint` tags, folded to one line each, without labels. */
function hintTags(doc: string): string[] {
  const hints: string[] = [];
  let current: string[] | undefined;
  for (const raw of doc.split("\n")) {
    const line = raw.replace(/^\s*\/?\*+\/?\s?/, "").replace(/\s*\*\/\s*$/, "");
    const tag = /^@(\w+)\s*(.*)$/.exec(line.trim());
    if (tag) {
      if (current) hints.push(current.join(" "));
      current = tag[1] === "hint" ? [tag[2] ?? ""] : undefined;
    } else if (current) current.push(line);
  }
  if (current) hints.push(current.join(" "));
  return hints.map((h) =>
    h
      .replace(/\s+/g, " ")
      .trim()
      .replace(/^(nudge|concept|solution):\s*/i, ""),
  );
}

const CLASS_DECLARATION =
  /^[ \t]*(?:export[ \t]+)?(?:default[ \t]+)?(?:abstract[ \t]+)?class[ \t]+([A-Za-z_$][\w$]*)/gm;

/** `@exercise` name → hint tiers, from a reference source. */
export function exerciseHints(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const doc = m[0];
    if (!/^\s*\*\s*@exercise\b/m.test(doc)) continue;
    const end = (m.index ?? 0) + doc.length;
    const decl = declared(text.slice(end, text.indexOf("(", end)));
    if (!decl) continue;
    const owner = decl.method
      ? // A declaration starts its line; "class X" inside a comment does not.
        [...text.slice(0, m.index).matchAll(CLASS_DECLARATION)].at(-1)?.[1]
      : undefined;
    out.set(owner ? `${owner}.${decl.name}` : decl.name, hintTags(doc));
  }
  return out;
}

/** 1-based line of the declaration above `offset` that names `name`. */
function declarationLine(text: string, offset: number, name: string): number {
  const lines = text.slice(0, offset).split("\n");
  const last = name.split(".").at(-1) ?? name;
  const word = new RegExp(`(^|[^\\w$#])${last.replace(/[$#]/g, "\\$&")}(?![\\w$])`);
  for (let i = lines.length - 1; i >= 0; i--) {
    if (word.test(lines[i] ?? "")) return i + 1;
  }
  return lines.length;
}

/** The chapter's exercises whose stub is still in the learner's files. */
export function unwrittenExercises(chapter: Chapter): ExerciseRef[] {
  const out: ExerciseRef[] = [];
  const sections = exerciseSections(chapter);
  for (const rel of listSources(chapter.solutionsDir)) {
    const learner = path.join(chapter.exercisesDir, rel);
    if (!existsSync(learner)) continue;
    const text = readFileSync(learner, "utf8");
    if (!text.includes("new NotImplemented(")) continue;
    const hints = exerciseHints(readFileSync(path.join(chapter.solutionsDir, rel), "utf8"));
    for (const m of text.matchAll(STUB)) {
      const name = JSON.parse(m[2] as string) as string;
      const section = sections.get(name);
      out.push({
        chapter: chapter.number,
        name,
        file: path.relative(ROOT, learner),
        line: declarationLine(text, m.index ?? 0, name),
        hints: hints.get(name) ?? [JSON.parse(m[4] as string) as string],
        unwritten: true,
        ...(section ? { section } : {}),
      });
    }
  }
  return out;
}
