/**
 * How many hint tiers the learner has asked for, per exercise. The only
 * state the course keeps (in .handshake/, ignored by git); progress itself
 * is always recomputed from the tests.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../course/chapters.ts";

const FILE = path.join(ROOT, ".handshake", "hints.json");

type State = Record<string, number>;

function read(): State {
  try {
    return existsSync(FILE) ? (JSON.parse(readFileSync(FILE, "utf8")) as State) : {};
  } catch {
    return {};
  }
}

/** Tier shown so far for an exercise (0 = the nudge). */
export function shownTier(key: string): number {
  return read()[key] ?? 0;
}

/** Advance to the next tier (up to `tiers - 1`) and return it. */
export function nextTier(key: string, tiers: number): number {
  const state = read();
  const next = Math.min((state[key] ?? 0) + 1, Math.max(tiers - 1, 0));
  state[key] = next;
  mkdirSync(path.dirname(FILE), { recursive: true });
  writeFileSync(FILE, `${JSON.stringify(state, null, 2)}\n`);
  return next;
}

/** Forget the hints shown for a chapter's exercises (reset NN). */
export function resetHints(chapter: string): number {
  const state = read();
  const keys = Object.keys(state).filter((k) => k.startsWith(`${chapter}:`));
  for (const k of keys) delete state[k];
  if (keys.length > 0) writeFileSync(FILE, `${JSON.stringify(state, null, 2)}\n`);
  return keys.length;
}
