/**
 * The server "as of chapter N": stages 1..N folded over an empty plan.
 *
 *   settings ─▶ stage 01 ─▶ stage 03 ─▶ … ─▶ stage N ─▶ plan.protocol(plan)
 *
 * Each stage adds its piece (a protocol, a handler, middleware); the last
 * plan builds the per-socket protocol. The CLI, the tests and
 * `npm run learn -- serve` all assemble servers here, so "the learner's own
 * server" is the same code with learner conditions on.
 */
import type { ConnectionHandler, ServerPlan, ServerSettings, Stage } from "./stages/stage.ts";
import { stages } from "./stages/index.ts";

export interface Assembly {
  /** The highest chapter included. */
  readonly chapter: number;
  readonly plan: ServerPlan;
  readonly protocol: ConnectionHandler;
}

/** Chapters that contribute to the server, in order. */
export function availableStages(): readonly Stage[] {
  return [...stages].sort((a, b) => a.chapter - b.chapter);
}

/** The highest chapter a server can be assembled up to. */
export function latestChapter(): number {
  return availableStages().at(-1)?.chapter ?? 0;
}

/** Fold stages 1..upTo into a plan and build its protocol. */
export function assemble(settings: ServerSettings, upTo = latestChapter()): Assembly {
  const included = availableStages().filter((s) => s.chapter <= upTo);
  if (included.length === 0) {
    throw new RangeError(`no chapter at or below ${upTo} contributes to the server`);
  }
  const empty: ServerPlan = { settings, banner: [], extensions: {} };
  const plan = included.reduce((p, stage) => stage.apply(p), empty);
  if (!plan.protocol) {
    throw new Error(`chapters 1..${upTo} assemble no protocol`);
  }
  return { chapter: included.at(-1)?.chapter ?? upTo, plan, protocol: plan.protocol(plan) };
}
