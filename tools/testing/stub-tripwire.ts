/**
 * Fail at once when an unwritten exercise runs.
 *
 * A stub that throws inside a server (a connection handler, a parser on
 * the data path) is caught there: the socket closes or nothing is sent,
 * and the test's client would wait for its timeout to learn that nothing
 * came. Every NotImplemented announces itself on a global hook; a client
 * that is waiting subscribes and rejects with that error, so the test
 * fails in milliseconds and its message names the exercise to write.
 */
import { NotImplemented, STUB_THROWN } from "#course/not-implemented.ts";

type Listener = (stub: NotImplemented) => void;

const listeners = new Set<Listener>();
let latest: NotImplemented | undefined;

(globalThis as Record<symbol, unknown>)[STUB_THROWN] = (stub: NotImplemented): void => {
  latest = stub;
  for (const l of [...listeners]) l(stub);
};

/** The stub that threw since the current test began (see tools/testing/setup.ts). */
export function stubThrownInThisTest(): NotImplemented | undefined {
  return latest;
}

/** Forget earlier stubs: each test starts clean. */
export function resetStubs(): void {
  latest = undefined;
}

/** Call `fn` the first time a stub throws; returns the unsubscribe. */
export function onStubThrown(fn: Listener): () => void {
  let fired = false;
  const once: Listener = (stub) => {
    if (fired) return;
    fired = true;
    listeners.delete(once);
    fn(stub);
  };
  listeners.add(once);
  return () => listeners.delete(once);
}

export { NotImplemented };
