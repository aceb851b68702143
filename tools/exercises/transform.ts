/**
 * Turns a reference source into a learner's copy: each exercise's body
 * becomes `throw new NotImplemented({...})`, and its hints leave the doc
 * comment (they are revealed one tier at a time by `npm run learn -- hint`).
 */
import { scanExercises, type ExerciseInfo } from "./scan.ts";

const IMPORT = 'import { NotImplemented } from "#course/not-implemented.ts";';

export interface StubOptions {
  /** Two-digit chapter number. */
  readonly chapter: string;
  /** Repository-relative path the learner will edit. */
  readonly learnerFile: string;
  /** Stub only this exercise (CI's caught check); default all. */
  readonly only?: string;
  /** Remove `@hint` tags from doc comments (learner copies). */
  readonly stripHints?: boolean;
}

/**
 * The stub body, indented like the code around it: `indent` is the
 * leading whitespace of the line where the body opens, so a method's stub
 * sits one level inside the method, not at a fixed column.
 */
function stubBody(ex: ExerciseInfo, options: StubOptions, indent: string): string {
  const site = {
    chapter: options.chapter,
    name: ex.name,
    file: options.learnerFile,
    hint: ex.hints[0] ?? "read the chapter section that introduces this function",
  };
  const inner = `${indent}  `;
  const fields = Object.entries(site).map(([k, v]) => `${inner}  ${k}: ${JSON.stringify(v)},`);
  return ["{", `${inner}throw new NotImplemented({`, ...fields, `${inner}});`, `${indent}}`].join(
    "\n",
  );
}

/** Leading whitespace of the line that holds `offset`. */
function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? "";
}

/** Remove `@hint` tags (with their continuation lines) from a doc comment. */
export function stripHintTags(doc: string): string {
  const out: string[] = [];
  let inHint = false;
  for (const line of doc.split("\n")) {
    const tag = /^\s*\*\s*@(\w+)/.exec(line);
    if (tag) inHint = tag[1] === "hint";
    else if (/\*\/\s*$/.test(line)) inHint = false;
    if (!inHint) out.push(line);
  }
  return out.join("\n");
}

export interface StubResult {
  readonly text: string;
  readonly exercises: readonly ExerciseInfo[];
}

/** Produce the stubbed text. Throws on an exercise without a return type. */
export function stubSource(fileName: string, text: string, options: StubOptions): StubResult {
  const all = scanExercises(fileName, text);
  const chosen = options.only ? all.filter((e) => e.name === options.only) : all;
  if (options.only && chosen.length === 0) {
    throw new Error(`${fileName}: no exercise named ${options.only}`);
  }
  for (const ex of chosen) {
    if (!ex.hasReturnType) {
      throw new Error(
        `${fileName}:${ex.line}: exercise ${ex.name} needs an explicit return type ` +
          "(its stub's body is a throw, which would change an inferred type)",
      );
    }
  }
  if (chosen.length === 0) return { text, exercises: all };
  // Edit from the end so earlier offsets stay valid.
  type Edit = { start: number; end: number; text: string };
  const edits: Edit[] = [];
  for (const ex of chosen) {
    edits.push({
      start: ex.bodyStart,
      end: ex.bodyEnd,
      text: stubBody(ex, options, indentAt(text, ex.bodyStart)),
    });
    if (options.stripHints) {
      edits.push({
        start: ex.docStart,
        end: ex.docEnd,
        text: stripHintTags(text.slice(ex.docStart, ex.docEnd)),
      });
    }
  }
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { text: addImport(out), exercises: all };
}

/** Insert the NotImplemented import after the file's leading comment and imports. */
function addImport(text: string): string {
  if (text.includes(IMPORT)) return text;
  const lines = text.split("\n");
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    if (/^import\s/.test(lines[i] as string)) {
      at = i + 1;
      while (at < lines.length && !/;\s*$/.test(lines[at - 1] as string)) at++;
    }
  }
  if (at === 0) {
    // No imports: place after the leading doc comment, if any.
    const end = text.startsWith("/**") ? text.indexOf("*/") + 2 : -1;
    if (end > 1) return `${text.slice(0, end)}\n${IMPORT}${text.slice(end)}`;
    return `${IMPORT}\n${text}`;
  }
  lines.splice(at, 0, IMPORT);
  return lines.join("\n");
}
