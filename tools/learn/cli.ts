/**
 * `npm run learn`: the gate between chapters.
 *
 *   npm run learn                    progress, and the first failing test explained
 *   npm run learn -- --watch         rerun on every save (--poll where file events don't arrive)
 *   npm run learn -- hint            the next hint tier for the current exercise
 *   npm run learn -- test NN         chapter NN alone: your NN on the reference for the rest
 *   npm run learn -- reset NN        restore chapter NN's exercises (asks first; --yes to skip)
 *   npm run learn -- solution NN     diff your chapter NN against the reference
 *   npm run learn -- serve           run your own server, as of your last passing chapter
 *   npm run learn -- stats           per chapter, the share of the code you write
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, watch, watchFile, unwatchFile } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline/promises";
import pc from "picocolors";
import { type Chapter, findChapter, listChapters, listSources, ROOT } from "../course/chapters.ts";
import { writeExercises } from "../exercises/generate.ts";
import { chapterShare, readFloor, renderShares } from "../exercises/share.ts";
import { type ChapterRun, learnerEnv, runChapter } from "./gate.ts";
import { nextTier, shownTier } from "./hint-state.ts";
import { chapterExercises, type ExerciseRef, locateExercise } from "./locate.ts";
import { type Row, renderFailure, renderLoadError, renderTable } from "./render.ts";

class LearnError extends Error {}

function chapterArg(key: string | undefined, verb: string): Chapter {
  if (!key)
    throw new LearnError(`${verb} needs a chapter number, e.g. npm run learn -- ${verb} 01`);
  const c = findChapter(key);
  if (!c) {
    const have = listChapters()
      .map((x) => x.number)
      .join(", ");
    throw new LearnError(`there is no chapter ${key}; chapters: ${have}`);
  }
  return c;
}

interface Progress {
  readonly rows: Row[];
  /** The first failing chapter's run, if any. */
  readonly current?: ChapterRun;
}

/** Run chapters in order until one fails. */
async function progress(onRow?: (c: Chapter) => void): Promise<Progress> {
  const chapters = listChapters();
  const rows: Row[] = [];
  let current: ChapterRun | undefined;
  for (const c of chapters) {
    if (current) {
      rows.push({ chapter: c, state: "locked" });
      continue;
    }
    onRow?.(c);
    const run = await runChapter(c, learnerEnv(chapters, c, "cumulative"));
    if (run.failed === 0 && run.passed > 0) rows.push({ chapter: c, state: "done", run });
    else {
      current = run;
      rows.push({ chapter: c, state: "current", run });
    }
  }
  return current ? { rows, current } : { rows };
}

/** The failure to show and the exercise it points at. */
function focus(run: ChapterRun): {
  failure: ChapterRun["failures"][number];
  exercise?: ExerciseRef;
} {
  const spans = chapterExercises(run.chapter);
  const candidates = [...run.loadErrors, ...run.failures];
  // Prefer a failure that names an exercise; else the first failure.
  for (const f of candidates) {
    const ex = locateExercise(f.message, spans);
    if (ex) return { failure: f, exercise: ex };
  }
  const failure = candidates[0] ?? { file: "", name: "no tests ran", message: "" };
  const firstUnwritten = spans.find((s) => s.ref.unwritten)?.ref;
  return firstUnwritten ? { failure, exercise: firstUnwritten } : { failure };
}

const keyOf = (ex: ExerciseRef): string => `${ex.chapter}:${ex.name}`;

async function gate(): Promise<number> {
  const tty = process.stdout.isTTY;
  const { rows, current } = await progress((c) => {
    if (tty) process.stdout.write(pc.dim(`\r  testing chapter ${c.number}…`));
  });
  if (tty) process.stdout.write("\r\x1b[K");
  console.log(renderTable(rows));
  if (!current) {
    console.log(
      `\n${pc.green(pc.bold(`All ${rows.length} chapters done.`))} Run your own server: npm run learn -- serve`,
    );
    return 0;
  }
  console.log(explain(current));
  return 1;
}

/** The failure to show for a chapter run: a load error first, else a test. */
function explain(run: ChapterRun): string {
  const broken = run.loadErrors[0];
  if (broken) return renderLoadError(run, broken);
  const { failure, exercise } = focus(run);
  return renderFailure(run, failure, exercise, exercise ? shownTier(keyOf(exercise)) : 0);
}

async function hint(): Promise<number> {
  const { current } = await progress();
  if (!current) {
    console.log("Every chapter passes: no hint needed.");
    return 0;
  }
  const { exercise } = focus(current);
  if (!exercise || exercise.hints.length === 0) {
    console.log(`No hints for this failure; read chapters/${current.chapter.slug}.md`);
    return 0;
  }
  const tier = nextTier(keyOf(exercise), exercise.hints.length);
  const names = ["nudge", "concept", "near-solution"];
  console.log(`${pc.bold(exercise.name)}  ${pc.dim(`${exercise.file}:${exercise.line}`)}`);
  for (let i = 0; i <= tier; i++) {
    console.log(
      `  Hint ${i + 1}/${exercise.hints.length} (${names[i] ?? "more"}): ${exercise.hints[i]}`,
    );
  }
  if (tier === exercise.hints.length - 1) {
    console.log(
      pc.dim(
        `  That was the last hint. Compare with the reference: npm run learn -- solution ${exercise.chapter}`,
      ),
    );
  }
  return 0;
}

async function testAlone(key: string | undefined): Promise<number> {
  const c = chapterArg(key, "test");
  const run = await runChapter(c, learnerEnv(listChapters(), c, "alone"));
  if (run.failed === 0 && run.passed > 0) {
    console.log(
      pc.green(`✓ chapter ${c.number} passes (${run.passed} tests) on top of the reference`),
    );
    return 0;
  }
  console.log(explain(run));
  return 1;
}

async function reset(key: string | undefined, yes: boolean): Promise<number> {
  const c = chapterArg(key, "reset");
  if (!yes) {
    if (!process.stdin.isTTY)
      throw new LearnError(`reset overwrites your chapter ${c.number}; add --yes to confirm`);
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(
      `Overwrite your work in exercises/${c.slug}/ with fresh stubs? [y/N] `,
    );
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      console.log("Nothing changed.");
      return 0;
    }
  }
  const n = writeExercises(c);
  console.log(`Restored ${n} files in exercises/${c.slug}/.`);
  return 0;
}

function solution(key: string | undefined): number {
  const c = chapterArg(key, "solution");
  const color = process.stdout.isTTY && !process.env.NO_COLOR ? "--color=always" : "--no-color";
  let differences = 0;
  for (const rel of listSources(c.solutionsDir)) {
    const mine = path.join(c.exercisesDir, rel);
    const ref = path.join(c.solutionsDir, rel);
    if (!existsSync(mine)) continue;
    const r = spawnSync(
      "git",
      ["diff", "--no-index", color, "--", path.relative(ROOT, mine), path.relative(ROOT, ref)],
      {
        cwd: ROOT,
        stdio: "inherit",
      },
    );
    if (r.status === 1) differences++;
  }
  if (differences === 0) console.log(`Your chapter ${c.number} matches the reference.`);
  return 0;
}

async function serve(rest: string[]): Promise<number> {
  const { rows } = await progress();
  const done = rows.filter((r) => r.state === "done");
  const last = done.at(-1)?.chapter;
  if (!last) throw new LearnError("finish chapter 01 first: then this runs your own server");
  const conditions = done.map((r) => `--conditions=learner-${r.chapter.number}`);
  console.log(
    `Your own server, as of chapter ${last.number} (your code for chapters ${done.map((r) => r.chapter.number).join(", ")}):`,
  );
  const child = spawn(
    process.execPath,
    [
      ...conditions,
      "--import",
      "tsx",
      "src/cli.ts",
      "--chapter",
      String(Number(last.number)),
      ...rest,
    ],
    { cwd: ROOT, stdio: "inherit" },
  );
  return new Promise((resolve) => child.on("close", (code) => resolve(code ?? 0)));
}

/** Rerun the gate on every save; poll where file events don't arrive. */
async function watchMode(poll: boolean): Promise<number> {
  let running = false;
  let again = false;
  const rerun = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    if (process.stdout.isTTY) process.stdout.write("\x1bc");
    await gate();
    console.log(
      pc.dim(
        `\nWatching exercises/ ${poll ? "(polling)" : ""}— save a file to rerun, Ctrl-C to stop.`,
      ),
    );
    running = false;
    if (again) {
      again = false;
      void rerun();
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const changed = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void rerun(), 150);
  };
  const dir = path.join(ROOT, "exercises");
  let usePolling = poll;
  if (!usePolling) {
    try {
      watch(dir, { recursive: true }, changed);
    } catch {
      usePolling = true;
    }
  }
  if (usePolling) {
    const files = listChapters().flatMap((c) =>
      listSources(c.exercisesDir).map((r) => path.join(c.exercisesDir, r)),
    );
    for (const f of files) watchFile(f, { interval: 500 }, changed);
    process.on("exit", () => {
      for (const f of files) unwatchFile(f);
    });
  }
  await rerun();
  return new Promise(() => {});
}

async function main(argv: string[]): Promise<number> {
  const flags = new Set(argv.filter((a) => a.startsWith("-")));
  const [verb, ...rest] = argv.filter((a) => !a.startsWith("-"));
  switch (verb) {
    case undefined:
      return flags.has("--watch") || flags.has("-w") ? watchMode(flags.has("--poll")) : gate();
    case "hint":
      return hint();
    case "test":
      return testAlone(rest[0]);
    case "reset":
      return reset(rest[0], flags.has("--yes") || flags.has("-y"));
    case "solution":
      return solution(rest[0]);
    case "stats": {
      const shares = listChapters().map(chapterShare);
      console.log(renderShares(shares, readFloor()));
      return 0;
    }
    case "serve":
      return serve(argv.slice(argv.indexOf("serve") + 1));
    default:
      throw new LearnError(
        `unknown command ${JSON.stringify(verb)}; try: hint, test NN, reset NN, solution NN, serve, stats, --watch`,
      );
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(
      `learn: ${err instanceof LearnError ? err.message : String((err as Error).stack ?? err)}`,
    );
    process.exitCode = err instanceof LearnError ? 2 : 1;
  },
);
