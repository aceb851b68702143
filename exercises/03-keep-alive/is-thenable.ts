/**
 * Did the handler return a promise? Synchronous handlers are common (and
 * are what benchmarks measure); answering them without a trip through the
 * microtask queue saves an allocation and a tick per request.
 */
export function isThenable<T>(value: unknown): value is PromiseLike<T> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}
