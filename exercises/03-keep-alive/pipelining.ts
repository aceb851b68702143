// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function runsAlone(head: RequestHead): boolean {
  throw new NotImplemented({
    chapter: "03",
    name: "runsAlone",
    file: "exercises/03-keep-alive/pipelining.ts",
    hint: "two kinds of request cannot share the pipeline with others.",
  });
}
