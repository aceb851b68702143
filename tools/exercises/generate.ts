/**
 * Writes exercises/ from solutions/.
 *
 *   npm run exercises              regenerate every chapter
 *   npm run exercises -- 03        regenerate one chapter
 *   npm run exercises -- --force   also overwrite files changed since they
 *                                  were generated (a learner's work)
 *   npm run check:exercises        exit 1 when exercises/ differs (CI)
 *
 * Every file of a chapter is copied so that the learner's chapter is
 * complete; in files with `@exercise` functions the bodies become stubs.
 *
 * exercises/.generated.json holds the hash of each file as last written
 * here. A file whose hash no longer matches was edited after generation:
 * that is a learner's work, and it is never overwritten without --force
 * (or a yes on a terminal).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import path from "node:path";
import { toolArgs, usageError } from "../cli-args.ts";
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

const MANIFEST = path.join(ROOT, "exercises", ".generated.json");

export const sha = (text: string | Buffer): string =>
  createHash("sha256").update(text).digest("hex");

export type Manifest = Record<string, string>;

function readManifest(): Manifest {
  try {
    return JSON.parse(readFileSync(MANIFEST, "utf8")) as Manifest;
  } catch {
    return {};
  }
}

function writeManifest(m: Manifest): void {
  const sorted = Object.fromEntries(Object.entries(m).sort(([a], [b]) => a.localeCompare(b)));
  mkdirSync(path.dirname(MANIFEST), { recursive: true });
  writeFileSync(MANIFEST, `${JSON.stringify(sorted, null, 2)}\n`);
}

/**
 * Files of a chapter edited since the generator wrote them (relative to
 * ROOT): their hash differs from the manifest's. A file the manifest does
 * not know is not counted (nothing says it was ever generated).
 */
export function changedByLearner(chapter: Chapter, manifest = readManifest()): string[] {
  const out: string[] = [];
  for (const rel of listSources(chapter.exercisesDir)) {
    const key = `${chapter.slug}/${rel}`;
    const file = path.join(chapter.exercisesDir, rel);
    const known = manifest[key];
    if (known !== undefined && known !== sha(readFileSync(file))) {
      out.push(path.relative(ROOT, file));
    }
  }
  return out;
}

/** Write one chapter's exercises, removing files no longer in solutions/. */
export function writeExercises(chapter: Chapter): number {
  const want = expectedExercises(chapter);
  const manifest = readManifest();
  for (const key of Object.keys(manifest)) {
    if (key.startsWith(`${chapter.slug}/`)) delete manifest[key];
  }
  for (const rel of listSources(chapter.exercisesDir)) {
    if (!want.has(rel)) rmSync(path.join(chapter.exercisesDir, rel));
  }
  for (const [rel, text] of want) {
    const file = path.join(chapter.exercisesDir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    manifest[`${chapter.slug}/${rel}`] = sha(text);
  }
  writeManifest(manifest);
  return want.size;
}

/** May we overwrite `changed`? --force, or a yes on a terminal. */
async function mayOverwrite(changed: readonly string[], force: boolean): Promise<boolean> {
  if (changed.length === 0 || force) return true;
  console.error("exercises: these files were changed after they were generated (your work?):");
  for (const f of changed) console.error(`  ${f}`);
  if (!process.stdin.isTTY) {
    console.error(
      "exercises: nothing written. Overwrite them with --force; keep them and run `npm run learn`.",
    );
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question("Overwrite them with fresh stubs? [y/N] ");
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

const USAGE = `Usage: npm run exercises -- [NN] [--force]
       npm run check:exercises

  NN           regenerate one chapter (default: every chapter)
  --force      also overwrite files changed since they were generated
               (a learner's work)
  --check      write nothing; exit 1 when exercises/ differs (CI)
  -h, --help   this text`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = toolArgs("npm run exercises", USAGE, {
    args: argv,
    allowPositionals: true,
    options: {
      check: { type: "boolean", default: false },
      force: { type: "boolean", default: false },
    },
  });
  const { check, force } = values;
  if (positionals.length > 1 || positionals.some((a) => !/^\d{1,2}$/.test(a)))
    usageError("npm run exercises", `one chapter number, like 03, not ${positionals.join(" ")}`);
  const only = positionals[0]?.padStart(2, "0");
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
    const mine = new Set(chapters.flatMap((c) => changedByLearner(c)));
    const generated = stale.filter((f) => !mine.has(f));
    if (generated.length > 0) {
      console.error("exercises: out of date with solutions/ — run `npm run exercises`:");
      for (const f of generated) console.error(`  ${f}`);
    }
    if (mine.size > 0) {
      // A learner's tree: their work differs from the stubs, as it should.
      // Never advise regenerating here: it would overwrite that work.
      console.error(
        "exercises: these files hold changes made after they were generated (your work, if you are learning):",
      );
      for (const f of mine) console.error(`  ${f}`);
      console.error(
        "  This check is for authors of solutions/. While you learn, check your work with `npm run learn`.",
      );
    }
    return 1;
  }
  const changed = chapters.flatMap((c) => changedByLearner(c));
  if (!(await mayOverwrite(changed, force))) return 1;
  for (const c of chapters) console.log(`exercises: ${c.slug}: ${writeExercises(c)} files`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(`exercises: ${(err as Error).message}`);
      process.exitCode = 1;
    },
  );
}
