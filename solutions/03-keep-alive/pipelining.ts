/**
 * Which pipelined requests may be worked on at the same time.
 *
 * A client may send many requests without waiting (RFC 9112 §9.3.2), and a
 * server may process them in parallel only when all of them are safe: a
 * GET beside a GET cannot change what either one sees. An unsafe request
 * changes state, so it waits until every earlier request is answered, and
 * later requests wait for it: otherwise a pipelined `DELETE /x` and
 * `GET /x` race, and the GET can read (or a cache re-store) what the
 * DELETE removed. An upgrade waits the same way: once it is answered, the
 * bytes after it may belong to another protocol.
 */
import type { RequestHead } from "#ch02/request-head-parser.ts";
import { asksForUpgrade } from "./upgrade.ts";

/**
 * The safe methods (RFC 9110 §9.2.1): read-only by definition. The one
 * list the book uses; chapter 07's cache invalidates on every other.
 */
export const SAFE_METHODS: ReadonlySet<string> = new Set([
  "GET",
  "HEAD",
  "OPTIONS",
  "TRACE",
]);

/**
 * True when `head` must run alone: after every earlier response is
 * written, and before any later request is parsed.
 *
 * @exercise
 * @hint nudge: two kinds of request cannot share the pipeline with others.
 * @hint concept: RFC 9112 §9.3.2 allows parallel processing only of safe
 *   methods (RFC 9110 §9.2.1); a request asking to switch protocols also ends
 *   the HTTP stream.
 * @hint solution: one boolean expression: the method is not in the module's
 *   set of safe methods, or the head asks for an upgrade (upgrade.ts has the
 *   test).
 */
export function runsAlone(head: RequestHead): boolean {
  return !SAFE_METHODS.has(head.method) || asksForUpgrade(head);
}
