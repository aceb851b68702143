/**
 * The server "as of chapter N": stages 1..N folded over an empty plan.
 *
 *   settings ─▶ stage 01 ─▶ stage 03 ─▶ … ─▶ stage N ─▶ listeners + protocols
 *
 * Each stage adds its piece (a listener, a protocol, a handler,
 * middleware); the last plan says where to listen and what to speak. The
 * CLI, the tests and `npm run learn -- serve` all assemble servers here, so
 * "the learner's own server" is the same code with learner conditions on.
 */
import { fold, type ServerPlan, type ServerSettings, type Stage } from "./stages/stage.ts";
import { stages } from "./stages/index.ts";

export interface Assembly {
  /** The highest chapter included. */
  readonly chapter: number;
  readonly plan: ServerPlan;
}

/** Chapters that contribute to the server, in order. */
export function availableStages(): readonly Stage[] {
  return [...stages].sort((a, b) => a.chapter - b.chapter);
}

/** The highest chapter a server can be assembled up to. */
export function latestChapter(): number {
  return availableStages().at(-1)?.chapter ?? 0;
}

/** Fold stages 1..upTo into a plan that listens and speaks something. */
export function assemble(settings: ServerSettings, upTo = latestChapter()): Assembly {
  const included = availableStages().filter((s) => s.chapter <= upTo);
  if (included.length === 0) {
    throw new RangeError(`no chapter at or below ${upTo} contributes to the server`);
  }
  const plan = fold(settings, included);
  if (plan.listeners.length === 0) throw new Error(`chapters 1..${upTo} assemble no listener`);
  if (plan.protocols.length === 0) throw new Error(`chapters 1..${upTo} assemble no protocol`);
  return { chapter: included.at(-1)?.chapter ?? upTo, plan };
}
