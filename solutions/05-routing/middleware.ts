/**
 * Middleware: a function from a handler to a handler.
 *
 * `(next: Handler) => Handler` is the shape Go's net/http made familiar
 * (`func(http.Handler) http.Handler`). It needs no context object and no
 * framework: a middleware is an ordinary Handler that holds the next one,
 * can change the request on the way in and the response on the way out,
 * and can answer without calling `next` at all. Because it speaks the same
 * Handler type as the transports, the same middleware wraps a router, a
 * static file server (chapter 06) or a proxy (chapter 16).
 */
import type { Handler } from "#ch03/message.ts";

export type Middleware = (next: Handler) => Handler;

/**
 * Wrap `handler` in `middleware` so the first in the list is the outermost
 * layer: it sees the request first and the response last (the onion).
 * `compose([a, b], h)` is `a(b(h))`.
 *
 * @exercise
 * @hint nudge: the last middleware in the list must be the one closest to the
 *   handler.
 * @hint concept: build from the inside out: start with the handler and wrap it
 *   with each middleware, last to first.
 * @hint solution: one reduceRight over the list, starting from the handler,
 *   where each step wraps what it has so far.
 */
export function compose(
  middleware: readonly Middleware[],
  handler: Handler,
): Handler {
  return middleware.reduceRight<Handler>((next, wrap) => wrap(next), handler);
}
