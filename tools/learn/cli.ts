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
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline/promises";
import pc from "picocolors";
import { type Chapter, findChapter, listChapters, listSources, ROOT } from "../course/chapters.ts";
import { forget, inputsHash, lastFocus, recordFocus, trustedPass } from "./cache.ts";
import { learnerEnv, Runner } from "./gate.ts";
import { nextTier, resetHints } from "./hint-state.ts";
import type { ExerciseRef } from "./locate.ts";
import { currentChapter, explain, focus, focusRecord, gate, keyOf, progress } from "./progress.ts";
import { unwrittenExercises } from "./stubs.ts";
import { watchMode } from "./watch.ts";

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

/**
 * The next hint tier, read from the exercise's tags: no test runs. The
 * exercise is the one the last `npm run learn` pointed at, else the
 * current chapter's first unwritten exercise.
 */
function hint(): number {
  const chapters = listChapters();
  const chapter = currentChapter();
  const last = lastFocus();
  // The exercise the last run pointed at (the gate, --watch or `test NN`),
  // while its chapter is not passed; else the current chapter's first
  // unwritten exercise.
  const lastChapter = last ? chapters.find((c) => c.number === last.chapter) : undefined;
  const named =
    last?.exercise && lastChapter && !trustedPass(lastChapter, inputsHash(lastChapter, chapters))
      ? { chapter: last.chapter, unwritten: false, ...last.exercise }
      : undefined;
  if (!named && !chapter) {
    console.log("Every chapter passes: no hint needed.");
    return 0;
  }
  const exercise: ExerciseRef | undefined =
    named ?? (chapter ? unwrittenExercises(chapter)[0] : undefined);
  if (!exercise) {
    console.log(
      `Chapter ${chapter?.number ?? last?.chapter}'s exercises are all written, and no failure is recorded yet.\n` +
        "Run `npm run learn` to see which test fails; then `hint` knows its exercise.",
    );
    return 0;
  }
  if (exercise.hints.length === 0) {
    console.log(`${exercise.name} has no hints; read ${exercise.section ?? "its chapter"}`);
    return 0;
  }
  const tier = nextTier(keyOf(exercise), exercise.hints.length);
  const names = ["nudge", "concept", "near-solution"];
  console.log(`${pc.bold(exercise.name)}  ${pc.dim(`${exercise.file}:${exercise.line}`)}`);
  if (last?.test && named) console.log(pc.dim(`  (failing: ${last.test})`));
  for (let i = 0; i <= tier; i++) {
    console.log(
      `  Hint ${i + 1}/${exercise.hints.length} (${names[i] ?? "more"}): ${exercise.hints[i]}`,
    );
  }
  if (exercise.section) console.log(`  Read: ${exercise.section}`);
  if (tier === exercise.hints.length - 1) {
    console.log(
      pc.dim(
        `  That was the last hint. Compare with the reference: npm run learn -- solution ${exercise.chapter}`,
      ),
    );
  }
  return 0;
}

async function testAlone(runner: Runner, key: string | undefined): Promise<number> {
  const c = chapterArg(key, "test");
  const run = await runner.run(c, learnerEnv(listChapters(), c, "alone"));
  const passed = run.failed === 0 && run.passed > 0;
  if (!passed) {
    const focused = await focus(run);
    recordFocus(focusRecord(run, focused));
    console.log(await explain(run, focused));
    return 1;
  }
  console.log(
    pc.green(`✓ chapter ${c.number} passes (${run.passed} tests) on top of the reference`),
  );
  return 0;
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
  const { writeExercises } = await import("../exercises/generate.ts");
  const n = writeExercises(c);
  const hints = resetHints(c.number);
  forget(c);
  console.log(
    `Restored ${n} files in exercises/${c.slug}/; hints start again from the nudge` +
      `${hints > 0 ? ` (${hints} exercise${hints === 1 ? "" : "s"})` : ""}.`,
  );
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

/** Chapters that change the assembled server (src/stages/NN-*.ts). */
function stageChapters(): number[] {
  return readdirSync(path.join(ROOT, "src", "stages"))
    .map((f) => /^(\d\d)-.*\.ts$/.exec(f)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
}

/** What `serve` would run after `done` chapters, and how to say so. */
export function servePlan(done: readonly string[]): { chapter: number; say: string[] } {
  const last = Number(done.at(-1));
  const chapter = Math.max(...stageChapters().filter((n) => n <= last));
  const mine = done.join(", ");
  const say = [`Your own server: your code for chapters ${mine} (your last passing chapter).`];
  if (chapter < 3) {
    say.push(
      "It is chapter 01's line echo: HTTP arrives in chapter 03, when the connection",
      "puts your chapter 02 parser on the wire. Try: printf 'hello\\n' | nc -N 127.0.0.1 PORT",
    );
  } else if (chapter < last) {
    say.push(
      `It serves as of chapter ${String(chapter).padStart(2, "0")}, the last chapter that changes the server.`,
    );
  }
  return { chapter, say };
}

async function serve(runner: Runner, rest: string[]): Promise<number> {
  const { rows } = await progress(runner);
  await runner.close();
  const done = rows.filter((r) => r.state === "done").map((r) => r.chapter.number);
  if (done.length === 0)
    throw new LearnError("finish chapter 01 first: then this runs your own server");
  const plan = servePlan(done);
  const conditions = done.map((n) => `--conditions=learner-${n}`);
  for (const line of plan.say) console.log(line);
  const child = spawn(
    process.execPath,
    [...conditions, "--import", "tsx", "src/cli.ts", "--chapter", String(plan.chapter), ...rest],
    { cwd: ROOT, stdio: "inherit" },
  );
  return new Promise((resolve) => child.on("close", (code) => resolve(code ?? 0)));
}

const USAGE = `Usage: npm run learn -- [command]

  (none)             progress, and the first failing test explained
  --watch, -w        rerun on every save (--poll where file events don't arrive)
  hint               the next hint tier for the current exercise
  test NN            chapter NN alone: your NN on the reference for the rest
  reset NN           restore chapter NN's exercises (asks first; --yes to skip)
  solution NN        diff your chapter NN against the reference
  serve [options]    run your own server, as of your last passing chapter
  stats              per chapter, the share of the code you write
  --open "<cmd>"     the open track: your own server, in any language
                     (--keep-going: past the first failing chapter)
  -h, --help         this text`;

/** Flags the gate's own commands take; `serve` passes the rest to the server. */
const FLAGS = new Set(["--watch", "-w", "--poll", "--yes", "-y", "--keep-going"]);

async function main(argv: string[]): Promise<number> {
  const serving = argv.indexOf("serve");
  const own = serving >= 0 ? argv.slice(0, serving) : argv;
  if (own.includes("--help") || own.includes("-h") || own[0] === "help") {
    console.log(USAGE);
    return 0;
  }
  const flags = new Set(argv.filter((a) => a.startsWith("-")));
  const openAt = argv.indexOf("--open");
  if (openAt >= 0) {
    const command = argv[openAt + 1];
    if (!command || command.startsWith("-"))
      throw new LearnError(
        '--open needs the command that starts your server, e.g. --open "python3 server.py"',
      );
    const { openTrack } = await import("./open.ts");
    return openTrack(command, argv.includes("--keep-going"));
  }
  const unknown = own.filter((a) => a.startsWith("-") && !FLAGS.has(a));
  if (unknown.length > 0)
    throw new LearnError(`unknown option ${unknown.join(" ")}; npm run learn -- --help lists them`);
  const [verb, ...rest] = argv.filter((a) => !a.startsWith("-"));
  const runner = new Runner();
  try {
    switch (verb) {
      case undefined:
        return flags.has("--watch") || flags.has("-w")
          ? await watchMode(runner, flags.has("--poll"))
          : await gate(runner);
      case "hint":
        return hint();
      case "test":
        return await testAlone(runner, rest[0]);
      case "reset":
        return await reset(rest[0], flags.has("--yes") || flags.has("-y"));
      case "solution":
        return solution(rest[0]);
      case "stats": {
        const { chapterShare, readFloor, renderShares } = await import("../exercises/share.ts");
        console.log(renderShares(listChapters().map(chapterShare), readFloor()));
        return 0;
      }
      case "serve":
        return await serve(runner, argv.slice(argv.indexOf("serve") + 1));
      default:
        throw new LearnError(
          `unknown command ${JSON.stringify(verb)}; try: hint, test NN, reset NN, solution NN, serve, stats, --watch, --open "<command>", --help`,
        );
    }
  } finally {
    await runner.close();
  }
}

/**
 * Runs a command line and sets the exit code: a mistake of use is one line
 * and exit 2, anything else its stack and exit 1. learn.mjs calls this on
 * the bundle; run directly under tsx, the file calls it itself.
 */
export function run(argv: string[]): Promise<void> {
  return main(argv).then(
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
}

if (import.meta.url === `file://${process.argv[1]}`) void run(process.argv.slice(2));
