/**
 * The gate's core, shared by the commands and by --watch: run the chapters
 * in order (trusting unchanged passes), pick the failure to show and the
 * exercise it points at, and remember it for `hint`.
 */
import pc from "picocolors";
import { type Chapter, listChapters } from "../course/chapters.ts";
import { type Focus, inputsHash, newMemo, recordFocus, recordPass, trustedPass } from "./cache.ts";
import { type ChapterRun, learnerEnv, type Runner } from "./gate.ts";
import { shownTier } from "./hint-state.ts";
import type { ExerciseRef } from "./locate.ts";
import { type Row, renderFailure, renderLoadError, renderTable } from "./render.ts";

// The TypeScript compiler (the exercise scanner) and vitest load only when
// a command needs them: `hint` answers from .handshake/ without either.
export const locate = (): Promise<typeof import("./locate.ts")> => import("./locate.ts");

export interface Progress {
  readonly rows: Row[];
  /** The first failing chapter's run, if any. */
  readonly current?: ChapterRun;
}

/** What the gate is doing now, for the watch screen and the TTY line. */
export type Status = (text: string) => void;

/**
 * Chapters in order until one fails. A chapter whose inputs are unchanged
 * since it last passed is trusted (cache.ts); the others run.
 */
export async function progress(runner: Runner, status?: Status): Promise<Progress> {
  const chapters = listChapters();
  const rows: Row[] = [];
  let current: ChapterRun | undefined;
  for (const c of chapters) {
    if (current) {
      rows.push({ chapter: c, state: "locked" });
      continue;
    }
    const hash = inputsHash(c, chapters);
    const pass = trustedPass(c, hash);
    if (pass) {
      const run: ChapterRun = {
        chapter: c,
        passed: pass.passed,
        failed: 0,
        failures: [],
        loadErrors: [],
        cached: true,
      };
      rows.push({ chapter: c, state: "done", run });
      continue;
    }
    status?.(`running chapter ${c.number} · ${c.title}…`);
    const run = await runner.run(c, learnerEnv(chapters, c, "cumulative"));
    if (run.failed === 0 && run.passed > 0) {
      recordPass(c, hash, run.passed);
      rows.push({ chapter: c, state: "done", run });
    } else {
      current = run;
      rows.push({ chapter: c, state: "current", run });
    }
  }
  recordFocus(current ? focusRecord(current, await focus(current)) : undefined);
  return current ? { rows, current } : { rows };
}

export type Focused = { failure: ChapterRun["failures"][number]; exercise?: ExerciseRef };

/** What `hint` needs later, so it can answer without scanning or testing. */
export function focusRecord(run: ChapterRun, f: Focused): Focus {
  const ex = f.exercise;
  return {
    chapter: run.chapter.number,
    test: f.failure.name,
    ...(ex
      ? {
          exercise: {
            name: ex.name,
            file: ex.file,
            line: ex.line,
            hints: ex.hints,
            ...(ex.section ? { section: ex.section } : {}),
          },
        }
      : {}),
  };
}

/** Marks a failure the teaching way: bytes with a caret, a rule, a section. */
const teaches = (message: string): boolean => /RFC \d+|\^|chapters\/\d\d-/.test(message);

/** The failure to show and the exercise it points at. */
export async function focus(run: ChapterRun): Promise<Focused> {
  const { chapterExercises, exerciseByTitle, locateExercise } = await locate();
  const spans = chapterExercises(run.chapter);
  const candidates = [...run.loadErrors, ...run.failures];
  // 1. A stub's message or a stack frame in the learner's file names it.
  // 2. Else the describe block or title names it (wrong code fails in the
  //    test's own assertion, no frame of the learner's).
  // Among failures of one kind, prefer one rendered the teaching way.
  const ranked = [...candidates].sort(
    (a, b) => Number(teaches(b.message)) - Number(teaches(a.message)),
  );
  for (const f of candidates) {
    const ex = locateExercise(f.message, spans);
    if (ex) return { failure: f, exercise: ex };
  }
  for (const f of ranked) {
    const ex = exerciseByTitle(f.name, spans);
    if (ex) return { failure: f, exercise: ex };
  }
  const failure = ranked[0] ?? { file: "", name: "no tests ran", message: "" };
  const firstUnwritten = spans.find((s) => s.ref.unwritten)?.ref;
  return firstUnwritten ? { failure, exercise: firstUnwritten } : { failure };
}

export const keyOf = (ex: ExerciseRef): string => `${ex.chapter}:${ex.name}`;

export const seconds = (ms: number | undefined): string =>
  ms === undefined ? "" : `${(ms / 1000).toFixed(1)} s`;

export async function gate(runner: Runner, status?: Status): Promise<number> {
  const tty = process.stdout.isTTY;
  const show: Status =
    status ?? ((text) => tty && process.stdout.write(`\r\x1b[K${pc.dim(`  ${text}`)}`));
  const started = performance.now();
  const { rows, current } = await progress(runner, show);
  if (tty && !status) process.stdout.write("\r\x1b[K");
  console.log(renderTable(rows));
  const took = pc.dim(`  (${seconds(performance.now() - started)})`);
  if (!current) {
    console.log(
      `\n${pc.green(pc.bold(`All ${rows.length} chapters done.`))} Run your own server: npm run learn -- serve${took}`,
    );
    return 0;
  }
  console.log(await explain(current));
  console.log(took);
  return 1;
}

/** The failure to show for a chapter run: a load error first, else a test. */
export async function explain(run: ChapterRun, focused?: Focused): Promise<string> {
  const broken = run.loadErrors[0];
  if (broken) return renderLoadError(run, broken);
  const { failure, exercise } = focused ?? (await focus(run));
  return renderFailure(run, failure, exercise, exercise ? shownTier(keyOf(exercise)) : 0);
}

/** The chapter the learner is on, from the cache alone (no tests run). */
export function currentChapter(): Chapter | undefined {
  const chapters = listChapters();
  const memo = newMemo();
  return chapters.find((c) => !trustedPass(c, inputsHash(c, chapters, memo)));
}
