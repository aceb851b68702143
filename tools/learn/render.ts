/**
 * The gate's terminal output: a progress table and one failure, explained.
 * Colour only on a TTY and never with NO_COLOR (picocolors decides); the
 * symbols carry the meaning on their own, so it reads the same in a log.
 */
import pc from "picocolors";
import type { Chapter } from "../course/chapters.ts";
import type { ChapterRun, FailedTest } from "./gate.ts";
import type { ExerciseRef } from "./locate.ts";

export type RowState = "done" | "current" | "locked";

export interface Row {
  readonly chapter: Chapter;
  readonly state: RowState;
  readonly run?: ChapterRun;
}

const MARK: Record<RowState, string> = { done: "✓", current: "▶", locked: "·" };
const PAINT: Record<RowState, (s: string) => string> = {
  done: pc.green,
  current: pc.yellow,
  locked: pc.dim,
};

export function renderTable(rows: readonly Row[], title = "Handshake — your progress"): string {
  const width = Math.max(...rows.map((r) => r.chapter.title.length), 10);
  const lines = rows.map((r) => {
    const total = r.run ? r.run.passed + r.run.failed : 0;
    const detail =
      r.state === "locked"
        ? "locked"
        : r.state === "done"
          ? `done (${r.run?.passed ?? 0} tests${r.run?.cached ? ", unchanged since it passed" : ""})`
          : `${r.run?.passed ?? 0}/${total} tests pass`;
    const text = `  ${MARK[r.state]} ${r.chapter.number}  ${r.chapter.title.padEnd(width)}  ${detail}`;
    return PAINT[r.state](text);
  });
  return [pc.bold(title), "", ...lines].join("\n");
}

function indent(text: string, by = "    "): string {
  return text
    .split("\n")
    .map((l) => by + l)
    .join("\n");
}

/** Remove terminal colour codes some tools put in their messages. */
export function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, "");
}

/**
 * A test file that did not even load: usually a syntax error in the
 * learner's file. Say where, in one line, before the compiler's picture.
 */
export function renderLoadError(run: ChapterRun, failure: FailedTest): string {
  const message = stripAnsi(failure.message);
  const where = /((?:exercises|solutions|tests|src)\/[\w./-]+\.ts):(\d+)(?::(\d+))?/.exec(message);
  const what =
    /\[PARSE_ERROR\]\s*(.+)/.exec(message)?.[1] ??
    message.split("\n").find((l) => l.trim() !== "") ??
    "the test file could not be loaded";
  const c = run.chapter;
  const out = ["", pc.bold(`━━ Chapter ${c.number} · ${c.title} ━━`), ""];
  out.push(
    pc.red(`✗ ${where ? `${where[1]}:${where[2]}` : failure.file}: ${what.trim()}`),
    pc.dim(`  (while loading ${failure.file}; nothing in this chapter can run until it compiles)`),
    "",
    indent(trimFailure(message)),
  );
  return out.join("\n");
}

/** Keep the teaching part of a vitest failure, drop node_modules frames. */
export function trimFailure(message: string): string {
  const lines = stripAnsi(message)
    .split("\n")
    .filter((l) => !/node_modules|node:internal/.test(l));
  return lines.slice(0, 40).join("\n").trimEnd();
}

/** The RFC a test names in its describe block or title: "(RFC 9112 §5)". */
export function ruleFromTitle(name: string): string | undefined {
  return /RFC \d+(?: §[\d.]+)?/.exec(name)?.[0];
}

export function renderFailure(
  run: ChapterRun,
  failure: FailedTest,
  exercise: ExerciseRef | undefined,
  hintTier: number,
  options: { readonly open?: boolean } = {},
): string {
  const c = run.chapter;
  const out: string[] = [];
  out.push("", pc.bold(`━━ Chapter ${c.number} · ${c.title} ━━`), "");
  out.push(pc.red(`✗ ${failure.name}`), pc.dim(`  (${failure.file})`), "");
  const message = trimFailure(failure.message);
  out.push(indent(message), "");
  // A bare assertion teaches little: add the rule its test names, if the
  // message did not already carry one.
  const rule = ruleFromTitle(failure.name);
  if (rule && !message.includes(rule)) out.push(`  ${pc.bold("Rule:")}     ${rule}`);
  if (options.open) {
    out.push(`  ${pc.bold("Read:")}     chapters/${c.slug}.md`);
    out.push(
      `  ${pc.bold("Repeat:")}   npm run learn -- --open "<your command>"   ${pc.dim("(the same tests, against your server)")}`,
    );
    return out.join("\n");
  }
  if (exercise) {
    const hint = exercise.hints[Math.min(hintTier, exercise.hints.length - 1)];
    const tiers = exercise.hints.length;
    out.push(
      `  ${pc.bold("Work on:")}  ${pc.cyan(`${exercise.file}:${exercise.line}`)}  ${exercise.name}`,
    );
    if (hint) out.push(`  ${pc.bold(`Hint ${Math.min(hintTier + 1, tiers)}/${tiers}:`)} ${hint}`);
  }
  out.push(`  ${pc.bold("Read:")}     ${exercise?.section ?? `chapters/${c.slug}.md`}`);
  out.push(
    `  ${pc.bold("More:")}     npm run learn -- hint          ${pc.dim("(the next hint)")}`,
    `            npm run learn -- solution ${c.number}   ${pc.dim("(compare with the reference)")}`,
    `            npm run learn -- --watch       ${pc.dim("(rerun on every save)")}`,
  );
  const left = run.failed;
  out.push(
    "",
    pc.dim(`  ${left} test${left === 1 ? "" : "s"} still failing in chapter ${c.number}.`),
  );
  return out.join("\n");
}
