/**
 * The middleware shape this chapter uses, the same as chapter 05's: a
 * function that takes the next handler and returns a handler that may
 * look at the request first, the response after, or answer on its own.
 */
import type { Handler } from "#ch03/message.ts";

export type Middleware = (next: Handler) => Handler;

/** Milliseconds since the epoch. Injected so tests can move time by hand. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** The path of a request-target, without query: "/a/b?x=1" -> "/a/b". */
export function pathOf(target: string): string {
  const q = target.search(/[?#]/);
  return q === -1 ? target : target.slice(0, q);
}
