// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

export type Middleware = (next: Handler) => Handler;

/**
 * Wrap `handler` in `middleware` so the first in the list is the outermost
 * layer: it sees the request first and the response last (the onion).
 * `compose([a, b], h)` is `a(b(h))`.
 *
 * @exercise
 */
export function compose(
  middleware: readonly Middleware[],
  handler: Handler,
): Handler {
  throw new NotImplemented({
    chapter: "05",
    name: "compose",
    file: "exercises/05-routing/middleware.ts",
    hint: "the last middleware in the list must be the one closest to the handler.",
  });
}
