/**
 * Writes exercises/ from solutions/.
 *
 *   npm run exercises          regenerate every chapter
 *   npm run exercises -- 03    regenerate one chapter
 *   npm run check:exercises    exit 1 when exercises/ differs (CI)
 *
 * Every file of a chapter is copied so that the learner's chapter is
 * complete; in files with `@exercise` functions the bodies become stubs.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Chapter, listChapters, listSources, ROOT } from "../course/chapters.ts";
import { stubSource } from "./transform.ts";

const BANNER =
  "// Your copy of the reference code: write the functions marked @exercise.\n" +
  "// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.\n";

/** The learner's copy of every file of a chapter: path → text. */
export function expectedExercises(chapter: Chapter): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of listSources(chapter.solutionsDir)) {
    const file = path.join(chapter.solutionsDir, rel);
    const learnerFile = path.relative(ROOT, path.join(chapter.exercisesDir, rel));
    const { text, exercises } = stubSource(file, readFileSync(file, "utf8"), {
      chapter: chapter.number,
      learnerFile,
      stripHints: true,
    });
    out.set(rel, exercises.length > 0 ? BANNER + text : text);
  }
  return out;
}

/** Files that differ from what the generator writes (relative to ROOT). */
export function staleFiles(chapter: Chapter): string[] {
  const want = expectedExercises(chapter);
  const stale: string[] = [];
  for (const [rel, text] of want) {
    const file = path.join(chapter.exercisesDir, rel);
    if (!existsSync(file) || readFileSync(file, "utf8") !== text) {
      stale.push(path.relative(ROOT, file));
    }
  }
  for (const rel of listSources(chapter.exercisesDir)) {
    if (!want.has(rel)) stale.push(path.relative(ROOT, path.join(chapter.exercisesDir, rel)));
  }
  return stale;
}

/** Write one chapter's exercises, removing files no longer in solutions/. */
export function writeExercises(chapter: Chapter): number {
  const want = expectedExercises(chapter);
  for (const rel of listSources(chapter.exercisesDir)) {
    if (!want.has(rel)) rmSync(path.join(chapter.exercisesDir, rel));
  }
  for (const [rel, text] of want) {
    const file = path.join(chapter.exercisesDir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return want.size;
}

function main(argv: string[]): number {
  const check = argv.includes("--check");
  const only = argv.find((a) => /^\d{1,2}$/.test(a))?.padStart(2, "0");
  const chapters = listChapters().filter((c) => !only || c.number === only);
  if (only && chapters.length === 0) {
    console.error(`exercises: no chapter ${only} (solutions/${only}-*/ does not exist)`);
    return 2;
  }
  if (check) {
    const stale = chapters.flatMap(staleFiles);
    if (stale.length === 0) {
      console.log(`exercises: in sync with solutions/ (${chapters.length} chapters)`);
      return 0;
    }
    console.error("exercises: out of date with solutions/ — run `npm run exercises`:");
    for (const f of stale) console.error(`  ${f}`);
    return 1;
  }
  for (const c of chapters) console.log(`exercises: ${c.slug}: ${writeExercises(c)} files`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    console.error(`exercises: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}
