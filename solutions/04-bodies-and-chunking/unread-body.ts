/**
 * The body a handler did not read.
 *
 * A handler may answer before reading the request's body: a 404, a 401,
 * a redirect. The body's bytes are still coming, and until they have all
 * gone by, the connection cannot find the next request's head. Two honest
 * choices (RFC 9112 §9.6, RFC 9110 §10.1.1):
 *
 * - drain: read and discard the rest, then carry on. Cheap for a small
 *   remainder, and a pipelining client loses nothing.
 * - close: answer with `Connection: close` and stop reading. Right when
 *   the rest is large, unknown (chunked), or may never come (the client
 *   was waiting for a 100 Continue we never sent).
 */
import type { UnreadBody, UnreadBodyPolicy } from "#ch03/body-decoder.ts";
import { MAX_DRAIN_BYTES } from "./body-limits.ts";

/**
 * Drain when at most `maxDrainBytes` remain and they will surely come;
 * close otherwise.
 *
 * @exercise
 * @hint nudge: three cases close the connection: the rest may never be sent,
 *   its size is unknown, or it is too big to be worth reading.
 * @hint concept: RFC 9110 §10.1.1: a server answering before reading the whole
 *   request content either reads and discards the rest or closes; a client
 *   still waiting for 100 (Continue) has not sent it, and a chunked body's size
 *   is unknown, so both close; a known rest up to maxDrainBytes is drained.
 * @hint solution: two early returns of close (awaiting the interim response;
 *   remaining unknown), then compare remaining with the limit, inclusive.
 */
export function decideUnread(
  body: UnreadBody,
  maxDrainBytes: number,
): "drain" | "close" {
  if (body.awaitingInterim || body.remaining === undefined) return "close";
  return body.remaining <= maxDrainBytes ? "drain" : "close";
}

/** The policy chapter 03's connection calls, with the limit bound in. */
export function drainOrClose(
  maxDrainBytes = MAX_DRAIN_BYTES,
): UnreadBodyPolicy {
  return (body) => decideUnread(body, maxDrainBytes);
}
