/**
 * Waiting in tests for something to happen, instead of sleeping for a
 * guess at how long it takes.
 *
 * A sleep is wrong both ways: too short on a loaded machine (the test
 * flakes), too long everywhere else (the suite crawls). `eventually`
 * checks a condition after every turn of the event loop's timers and
 * returns as soon as it holds; the timeout is only a bound on a broken
 * server, never part of what is asserted.
 */

import { stubThrownInThisTest } from "./stub-tripwire.ts";

/** How long `eventually` waits by default before giving up (ms). */
export const EVENTUALLY_TIMEOUT_MS = 5_000;

/**
 * Resolves true as soon as `check` holds, false if it has not after
 * `timeoutMs`; throws at once when an exercise stub threw meanwhile. Assert on the result (expectTrue) so a failure names what
 * never happened.
 */
export async function eventually(
  check: () => boolean,
  timeoutMs = EVENTUALLY_TIMEOUT_MS,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    // An unwritten exercise threw during this test: nothing the check
    // waits for will come, so fail now rather than at the timeout.
    const stub = stubThrownInThisTest();
    if (stub) throw stub;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return true;
}

/** Resolves with the first `event` `emitter` emits (its first argument). */
export function nextEvent<T = unknown>(emitter: NodeJS.EventEmitter, event: string): Promise<T> {
  return new Promise((resolve) => emitter.once(event, (value: T) => resolve(value)));
}

/**
 * A promise with its resolve function outside: a handler in a test
 * awaits `promise`, the test calls `resolve()` when it is time.
 */
export function gate<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
