// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * One deadline per connection, cheap to move.
 *
 * Every request moves a connection between deadlines (idle, then head,
 * then none while the handler runs, then idle again). Creating and
 * clearing a Node timer each time would cost more than parsing the
 * request, so this keeps one timer and a deadline: changing the deadline
 * is two assignments, and a timer that fires early re-arms itself for the
 * moved deadline. Only an earlier deadline reschedules the timer.
 *
 * Deadlines are read on performance.now(), which only moves forward, like
 * the clock Node's timers keep. On Date.now(), a wall clock set back an
 * hour would give every connection an hour more before its idle or head
 * deadline, just what a slowloris client wants.
 */
import type { TimerKind, TimerPlan } from "./timeouts.ts";
import { NotImplemented } from "#course/not-implemented.ts";

export class DeadlineTimer {
  readonly #onExpire: (kind: TimerKind) => void;
  #timer: NodeJS.Timeout | undefined;
  /** When the pending Node timer fires. */
  #firesAt = 0;
  #kind: TimerKind | undefined;
  #deadline = 0;

  constructor(onExpire: (kind: TimerKind) => void) {
    this.#onExpire = onExpire;
  }

  /**
   * Applies a plan. The same kind keeps its deadline: a slow-loris peer
   * that trickles a head byte by byte must not push its deadline back.
   *
   * @exercise
   */
  set(plan: TimerPlan): void {
    throw new NotImplemented({
      chapter: "03",
      name: "DeadlineTimer.set",
      file: "exercises/03-keep-alive/deadline-timer.ts",
      hint: "setting a timer on every event is expensive; most events do not change the deadline's kind.",
    });
  }

  /**
   * Forgets the running deadline's kind, so the next set() starts a fresh
   * deadline even of the same kind. The connection calls it on every change
   * of state: a head begun and answered within one read leaves the kind at
   * idle, and without this the idle deadline would count from the first
   * request on a busy connection and close it mid-stream.
   */
  restart(): void {
    this.#kind = undefined;
  }

  /**
   * No deadline, and no timer left to keep the process alive.
   *
   * @exercise
   */
  stop(): void {
    throw new NotImplemented({
      chapter: "03",
      name: "DeadlineTimer.stop",
      file: "exercises/03-keep-alive/deadline-timer.ts",
      hint: "a closed connection must not be woken by its timer, nor kept alive by it.",
    });
  }

  /**
   * Starts the timer for the current deadline, `ms` from now. set() passes
   * the plan's own duration rather than asking the clock again: Node keeps
   * one list of timers per duration, and a clock that ticked in between
   * would make a 4999 ms list of its own for one timer.
   *
   * @exercise
   */
  #schedule(ms = this.#deadline - performance.now()): void {
    throw new NotImplemented({
      chapter: "03",
      name: "DeadlineTimer.#schedule",
      file: "exercises/03-keep-alive/deadline-timer.ts",
      hint: "one Node timer per connection, moved only when it must fire earlier.",
    });
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    const kind = this.#kind;
    if (kind === undefined) return;
    if (performance.now() < this.#deadline) {
      this.#schedule();
      return;
    }
    this.#kind = undefined;
    this.#onExpire(kind);
  };
}
