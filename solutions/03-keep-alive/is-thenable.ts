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

/**
 * `f(value)`, once `value` has settled if it is a promise, and at once if
 * it is not. Middleware that only looks at a response (a cache policy, a
 * fallback, a Vary) uses it so that, around a synchronous handler, it adds
 * no promise and no microtask per request: an `async` wrapper would add
 * both at every layer, whether or not the layer has anything to do.
 */
export function afterResult<T, U>(
  value: T | PromiseLike<T>,
  f: (settled: T) => U | PromiseLike<U>,
): U | Promise<U> {
  if (isThenable<T>(value)) return Promise.resolve(value).then(f);
  return f(value) as U | Promise<U>;
}
