/**
 * Which exercise should the learner work on? Read it off the failure.
 *
 * A stub throws NotImplemented, whose message names the function and file.
 * A wrong implementation fails an assertion instead; then the stack trace
 * points into the learner's file, and the scanner maps that line to the
 * enclosing exercise. Wrong code that fails inside a test's own helper
 * leaves no such frame: then the test's describe block and title name the
 * exercise ("LineSplitter.take > refuses a bare LF"). Otherwise, the
 * chapter's first unwritten exercise.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Chapter, listSources, ROOT } from "../course/chapters.ts";
import { scanExercises } from "../exercises/scan.ts";
import { exerciseSections } from "./sections.ts";

export interface ExerciseRef {
  readonly chapter: string;
  readonly name: string;
  /** Repository-relative learner file. */
  readonly file: string;
  readonly line: number;
  /** Hint tiers from the reference (solutions/ is the source of truth). */
  readonly hints: readonly string[];
  /** True while the learner's copy still throws NotImplemented. */
  readonly unwritten: boolean;
  /** The chapter section that introduces it ("chapters/NN-slug.md#anchor"). */
  readonly section?: string;
}

interface Span {
  readonly ref: ExerciseRef;
  readonly from: number;
  readonly to: number;
}

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split("\n").length;

/** Every exercise of a chapter, from the learner's files, with hints. */
export function chapterExercises(chapter: Chapter): Span[] {
  const spans: Span[] = [];
  const sections = exerciseSections(chapter);
  for (const rel of listSources(chapter.solutionsDir)) {
    const solution = path.join(chapter.solutionsDir, rel);
    const hints = new Map(
      scanExercises(solution, readFileSync(solution, "utf8")).map((e) => [e.name, e.hints]),
    );
    if (hints.size === 0) continue;
    const learner = path.join(chapter.exercisesDir, rel);
    if (!existsSync(learner)) continue;
    const text = readFileSync(learner, "utf8");
    for (const e of scanExercises(learner, text)) {
      const body = text.slice(e.bodyStart, e.bodyEnd);
      spans.push({
        ref: {
          chapter: chapter.number,
          name: e.name,
          file: path.relative(ROOT, learner),
          line: e.line,
          hints: hints.get(e.name) ?? [],
          unwritten: body.includes("new NotImplemented("),
          ...(sections.has(e.name) ? { section: sections.get(e.name) as string } : {}),
        },
        from: lineOf(text, e.bodyStart),
        to: lineOf(text, e.bodyEnd),
      });
    }
  }
  return spans;
}

const NOT_IMPLEMENTED = /Exercise not written yet: (\S+) \(chapter (\d\d), ([^)]+)\)/;

/**
 * The exercise a test's name points at: its describe block or title names
 * the function ("LineSplitter.take", "parseRequestLine (RFC 9112 §3)").
 * The longest name that appears as a whole word wins, so `take` does not
 * claim a test about `takeLines`.
 */
export function exerciseByTitle(title: string, spans: readonly Span[]): ExerciseRef | undefined {
  let best: ExerciseRef | undefined;
  let bestLength = 0;
  for (const s of spans) {
    const names = [s.ref.name];
    const method = s.ref.name.split(".")[1];
    if (method && method.length > 3) names.push(method);
    for (const n of names) {
      const word = new RegExp(`(^|[^\\w.])${n.replace(/\./g, "\\.")}(?![\\w])`);
      if (word.test(title) && n.length > bestLength) {
        best = s.ref;
        bestLength = n.length;
      }
    }
  }
  return best;
}

/** The exercise a failure message points at, if any. */
export function locateExercise(message: string, spans: readonly Span[]): ExerciseRef | undefined {
  const stub = NOT_IMPLEMENTED.exec(message);
  if (stub) {
    const hit = spans.find((s) => s.ref.name === stub[1] && s.ref.file === stub[3]);
    if (hit) return hit.ref;
  }
  // Stack frames: "at fn (/abs/exercises/NN-slug/file.ts:LINE:COL)"
  for (const m of message.matchAll(/(exercises\/\d\d-[^\s:)]+\.ts):(\d+)/g)) {
    const file = m[1] as string;
    const line = Number(m[2]);
    const hit = spans.find((s) => s.ref.file === file && line >= s.from && line <= s.to);
    if (hit) return hit.ref;
  }
  return undefined;
}
