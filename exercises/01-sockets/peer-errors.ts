// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Socket errors: which ones mean "the peer went away".
 *
 * A socket reports trouble as an 'error' event, and an 'error' event with
 * no listener throws: one rude client would crash the whole server. So every
 * connection listens for 'error'. Most errors on a live server are not bugs
 * but peers leaving abruptly; they deserve a debug line, not an alarm.
 */
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * Error codes that mean the peer (or the path to it) is gone:
 *
 * - ECONNRESET: the peer sent RST, e.g. it closed with unread data or
 *   crashed (RFC 9293 §3.5.2, reset generation).
 * - EPIPE: we wrote after the peer had closed its end.
 * - ETIMEDOUT: the kernel gave up retransmitting (the peer vanished).
 * - ECONNABORTED: the connection was aborted before we accepted it.
 */
export const PEER_GONE_CODES: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ECONNABORTED",
]);

/**
 * True when `error` says the peer left, not that our code is wrong.
 *
 * @exercise
 */
export function isPeerGone(error: unknown): boolean {
  throw new NotImplemented({
    chapter: "01",
    name: "isPeerGone",
    file: "exercises/01-sockets/peer-errors.ts",
    hint: "errors from Node carry a string code such as ECONNRESET; anything can be thrown, though, including null.",
  });
}
