/**
 * `npm run learn -- --watch`: one vitest stays up; each save reruns first
 * what reads the saved file, then the gate.
 */
import { existsSync, readdirSync, readFileSync, unwatchFile, watch, watchFile } from "node:fs";
import path from "node:path";
import pc from "picocolors";
import { type Chapter, listChapters, listSources, ROOT } from "../course/chapters.ts";
import { inputsHash, recordFocus, trustedPass } from "./cache.ts";
import { type ChapterRun, changedSinceLastRun, learnerEnv, type Runner } from "./gate.ts";
import {
  currentChapter,
  explain,
  focus,
  focusRecord,
  gate,
  seconds,
  type Status,
} from "./progress.ts";

/**
 * The test files of `chapter` that read `changed` (a learner's file):
 * directly, or through one of the chapter's own helpers.
 */
function relatedTests(chapter: Chapter, changed: readonly string[]): string[] {
  if (!existsSync(chapter.testsDir)) return [];
  const names = changed.map((f) => `/${path.basename(f)}"`);
  const files = readdirSync(chapter.testsDir).filter((f) => f.endsWith(".ts"));
  const text = new Map(files.map((f) => [f, readFileSync(path.join(chapter.testsDir, f), "utf8")]));
  const direct = files.filter((f) => names.some((n) => text.get(f)?.includes(n)));
  const helpers = direct.filter((f) => !f.endsWith(".test.ts")).map((f) => `/${f}"`);
  const tests = files.filter(
    (f) =>
      f.endsWith(".test.ts") &&
      (direct.includes(f) || helpers.some((h) => text.get(f)?.includes(h))),
  );
  return tests.map((f) => path.join(chapter.testsDir, f));
}

/**
 * The saved files whose chapter comes before `current` and has a recorded
 * pass with exactly its files as they are now (a save that changed
 * nothing, or put back what passed): the gate trusts that pass, so the
 * verdict on them is known at once. A real change to an earlier chapter
 * is not listed; the gate runs that chapter again.
 */
function passedBefore(changed: readonly string[], current: Chapter | undefined): string[] {
  const chapters = listChapters();
  return changed.filter((file) => {
    const own = chapters.find((c) => file.startsWith(`${c.exercisesDir}${path.sep}`));
    if (own === undefined || (current !== undefined && own.number >= current.number)) return false;
    return trustedPass(own, inputsHash(own, chapters)) !== undefined;
  });
}

/**
 * Rerun on every save. One vitest stays up; a save runs first the current
 * chapter's test files that read the saved file (the verdict on what was
 * just written), then, if they pass, the whole chapter (the gate).
 */
export async function watchMode(runner: Runner, poll: boolean): Promise<number> {
  const tty = process.stdout.isTTY;
  let running = false;
  let pending: string[] = [];
  const screen = (lines: string[]): void => {
    if (tty) process.stdout.write("\x1bc");
    console.log(lines.join("\n"));
  };
  const status: Status = (text) => {
    if (tty) process.stdout.write(`\r\x1b[K${pc.yellow(`⟳ ${text}`)}`);
    else console.log(`⟳ ${text}`);
  };
  const footer = (): void => {
    console.log(
      pc.dim(
        `\nWatching exercises/ ${poll ? "(polling) " : ""}— save a file to rerun, Ctrl-C to stop.`,
      ),
    );
  };
  const rerun = async (changed: string[]): Promise<void> => {
    if (running) {
      pending.push(...changed);
      return;
    }
    running = true;
    const started = performance.now();
    changedSinceLastRun.push(...changed);
    const chapter = changed.length > 0 ? currentChapter() : undefined;
    const related = chapter ? relatedTests(chapter, changed) : [];
    let verdict: ChapterRun | undefined;
    let passedFirst: ChapterRun | undefined;
    if (chapter && related.length > 0) {
      screen([pc.bold(`Saved ${changed.map((f) => path.relative(ROOT, f)).join(", ")}`), ""]);
      status(
        `running chapter ${chapter.number}: ${related.map((f) => path.basename(f)).join(", ")}…`,
      );
      const run = await runner.run(
        chapter,
        learnerEnv(listChapters(), chapter, "cumulative"),
        related,
      );
      if (run.failed > 0 || run.passed === 0) verdict = run;
      else passedFirst = run;
    }
    if (verdict) {
      if (tty) process.stdout.write("\r\x1b[K");
      const focused = await focus(verdict);
      console.log(await explain(verdict, focused));
      console.log(
        pc.dim(
          `\n  ${seconds(performance.now() - started)} · ran ${related.length} of chapter ${verdict.chapter.number}'s test files (those that read your file); the rest run once these pass.`,
        ),
      );
      recordFocus(focusRecord(verdict, focused));
    } else {
      if (passedFirst) {
        // The verdict on the saved file comes first; the whole chapter and
        // the chapters after it take longer, and the status line says so.
        if (tty) process.stdout.write("\r\x1b[K");
        console.log(
          `${pc.green("✓")} ${related.map((f) => path.basename(f)).join(", ")}: ${passedFirst.passed} tests pass (${seconds(passedFirst.ms)}). Now the whole of chapter ${passedFirst.chapter.number}, then the next.\n`,
        );
      } else {
        screen([]);
        const known = passedBefore(changed, chapter);
        if (known.length > 0) {
          console.log(
            `${pc.green("✓")} ${known.map((f) => path.relative(ROOT, f)).join(", ")}: this exact code passed its chapter before. Now the chapter you are on.\n`,
          );
        }
      }
      await gate(runner, status);
      if (tty) process.stdout.write("\r\x1b[K");
    }
    footer();
    running = false;
    if (pending.length > 0) {
      const next = [...new Set(pending)];
      pending = [];
      void rerun(next);
    }
  };
  let timer: NodeJS.Timeout | undefined;
  let batch = new Set<string>();
  const changed = (file: string): void => {
    if (!file.endsWith(".ts")) return;
    batch.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...batch];
      batch = new Set();
      void rerun(files);
    }, 100);
  };
  const dir = path.join(ROOT, "exercises");
  let usePolling = poll;
  if (!usePolling) {
    try {
      watch(dir, { recursive: true }, (_event, name) => {
        if (name) changed(path.join(dir, name.toString()));
      });
    } catch {
      usePolling = true;
    }
  }
  if (usePolling) {
    const files = listChapters().flatMap((c) =>
      listSources(c.exercisesDir).map((r) => path.join(c.exercisesDir, r)),
    );
    for (const f of files) watchFile(f, { interval: 300 }, () => changed(f));
    process.on("exit", () => {
      for (const f of files) unwatchFile(f);
    });
  }
  await rerun([]);
  return new Promise(() => {});
}
