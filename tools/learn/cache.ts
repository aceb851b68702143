/**
 * What the gate remembers between runs, in .handshake/ (ignored by git).
 *
 * Progress is still derived from the tests: the cache only memoizes a
 * chapter's PASS for the exact inputs that produced it. The inputs are
 * hashed (the learner's exercises of chapters 1..N, the chapter's tests,
 * the test helpers and assembly they import, the config); change one byte
 * and the chapter runs again. Delete .handshake/ and everything reruns.
 *
 * It also remembers which exercise the last failure pointed at, so `hint`
 * answers from the exercise's tags without running a test.
 */
import { createHash } from "node:crypto";
import {
  type Dirent,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { type Chapter, listChapters, ROOT } from "../course/chapters.ts";

const DIR = path.join(ROOT, ".handshake");
const FILE = path.join(DIR, "gate.json");

export interface Pass {
  readonly hash: string;
  readonly passed: number;
}

/** The exercise the last failing run pointed at, as `hint` shows it. */
export interface Focus {
  readonly chapter: string;
  readonly test?: string;
  readonly exercise?: {
    readonly name: string;
    readonly file: string;
    readonly line: number;
    readonly hints: readonly string[];
    readonly section?: string;
  };
}

interface State {
  passes: Record<string, Pass>;
  focus?: Focus;
}

function read(): State {
  try {
    if (!existsSync(FILE)) return { passes: {} };
    const s = JSON.parse(readFileSync(FILE, "utf8")) as Partial<State>;
    return s.focus ? { passes: s.passes ?? {}, focus: s.focus } : { passes: s.passes ?? {} };
  } catch {
    return { passes: {} };
  }
}

function write(state: State): void {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(FILE, `${JSON.stringify(state, null, 2)}\n`);
}

/** Files under `dir` (recursively), absolute, sorted; none when missing. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (statSync(dir).isFile()) return [dir];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSorted(d)) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out;
}

function readdirSorted(d: string): Dirent[] {
  return readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Reads shared between the chapters of one look: src/ and the helpers are
 * inputs of every chapter, and `hint` hashes up to the learner's chapter
 * at each call.
 */
export interface Memo {
  readonly lists: Map<string, string[]>;
  readonly bytes: Map<string, Buffer>;
}

export const newMemo = (): Memo => ({ lists: new Map(), bytes: new Map() });

/** Everything a chapter's cumulative run reads, beside node_modules. */
export function inputFiles(chapter: Chapter, chapters = listChapters(), memo?: Memo): string[] {
  const upTo = chapters.filter((c) => c.number <= chapter.number);
  const roots = [
    ...upTo.map((c) => c.exercisesDir),
    chapter.testsDir,
    path.join(ROOT, "tools", "testing"),
    path.join(ROOT, "tools", "course"),
    path.join(ROOT, "src"),
    path.join(ROOT, "package.json"),
    path.join(ROOT, "vitest.config.ts"),
  ];
  return roots.flatMap((root) => {
    let files = memo?.lists.get(root);
    if (!files) {
      files = filesUnder(root);
      memo?.lists.set(root, files);
    }
    return files;
  });
}

/** The hash of everything a chapter's run reads (`memo`: see Memo). */
export function inputsHash(chapter: Chapter, chapters = listChapters(), memo?: Memo): string {
  const h = createHash("sha256");
  for (const f of inputFiles(chapter, chapters, memo)) {
    let bytes = memo?.bytes.get(f);
    if (!bytes) {
      bytes = readFileSync(f);
      memo?.bytes.set(f, bytes);
    }
    h.update(path.relative(ROOT, f));
    h.update("\0");
    h.update(bytes);
    h.update("\0");
  }
  return h.digest("hex");
}

/** The recorded pass of `chapter`, if its inputs are unchanged. */
export function trustedPass(chapter: Chapter, hash: string): Pass | undefined {
  const p = read().passes[chapter.number];
  return p && p.hash === hash ? p : undefined;
}

export function recordPass(chapter: Chapter, hash: string, passed: number): void {
  const s = read();
  s.passes[chapter.number] = { hash, passed };
  write(s);
}

export function recordFocus(focus: Focus | undefined): void {
  const s = read();
  if (focus) s.focus = focus;
  else delete s.focus;
  write(s);
}

export function lastFocus(): Focus | undefined {
  const f = read().focus;
  // A file from an older version of this tool: ignore what does not fit.
  if (f?.exercise && !Array.isArray(f.exercise.hints)) return { chapter: f.chapter };
  return f;
}

/** Forget a chapter's pass and focus (reset NN), or everything. */
export function forget(chapter?: Chapter): void {
  if (!chapter) {
    rmSync(FILE, { force: true });
    return;
  }
  const s = read();
  delete s.passes[chapter.number];
  if (s.focus?.chapter === chapter.number) delete s.focus;
  write(s);
}
