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
   * @hint nudge: setting a timer on every event is expensive; most events do
   *   not change the deadline's kind.
   * @hint concept: no plan, no deadline (the timer may fire harmlessly). The
   *   same kind keeps the running deadline, so a slowloris cannot reset it by
   *   trickling; a new kind sets a new one, rescheduling only when no timer is
   *   pending or it fires too late.
   * @hint solution: undefined clears #kind; same kind returns; else set #kind
   *   and #deadline = performance.now() + plan.ms; #schedule(plan.ms) when
   *   there is no timer or #firesAt is after the deadline.
   */
  set(plan: TimerPlan): void {
    if (plan === undefined) {
      this.#kind = undefined;
      return;
    }
    if (plan.kind === this.#kind) return;
    this.#kind = plan.kind;
    this.#deadline = performance.now() + plan.ms;
    if (this.#timer === undefined || this.#firesAt > this.#deadline)
      this.#schedule(plan.ms);
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
   * @hint nudge: a closed connection must not be woken by its timer, nor kept
   *   alive by it.
   * @hint concept: a pending Node timer keeps the process alive and would call
   *   back into a connection that is gone; stopping forgets the deadline's
   *   kind and cancels the timer for good.
   * @hint solution: three assignments' worth: no kind, the pending timer
   *   cleared, and no timer remembered, so a later set() would start afresh.
   */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#kind = undefined;
  }

  /**
   * Starts the timer for the current deadline, `ms` from now. set() passes
   * the plan's own duration rather than asking the clock again: Node keeps
   * one list of timers per duration, and a clock that ticked in between
   * would make a 4999 ms list of its own for one timer.
   *
   * @exercise
   * @hint nudge: one Node timer per connection, moved only when it must fire
   *   earlier.
   * @hint concept: replace whatever timer is pending with one for the current
   *   deadline, and remember when it will fire, so set() can tell whether a
   *   new deadline needs it moved (RFC 9112 §9.5 idle and head deadlines are
   *   checked lazily by #fire).
   * @hint solution: cancel the old timer, note the deadline as the firing
   *   time, and start a new timer for `ms` rounded up to whole milliseconds
   *   (never below 0), with #fire as the callback.
   */
  #schedule(ms = this.#deadline - performance.now()): void {
    clearTimeout(this.#timer);
    this.#firesAt = this.#deadline;
    // Whole milliseconds: performance.now() has fractions, and each
    // distinct duration would be a timer list of its own.
    this.#timer = setTimeout(this.#fire, Math.max(0, Math.ceil(ms)));
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
