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

/**
 * `pending`, or the stub that threw in this test (before the wait or
 * during it): for clients the tripwire cannot reach itself (curl, undici,
 * fetch, a handler's promise), so a test fails in milliseconds instead of
 * at its client's timeout. `cancel` stops the client (kills curl, destroys
 * a pool) when a stub wins.
 */
export function orStub<T>(pending: Promise<T>, cancel?: () => void): Promise<T> {
  const early = latest;
  if (early) {
    cancel?.();
    pending.catch(() => {});
    return Promise.reject(early);
  }
  return new Promise<T>((resolve, reject) => {
    const off = onStubThrown((stub) => {
      cancel?.();
      reject(stub);
    });
    pending.then(
      (value) => {
        off();
        resolve(value);
      },
      (error: unknown) => {
        off();
        reject(error);
      },
    );
  });
}

export { NotImplemented };
