/**
 * Socket errors: which ones mean "the peer went away".
 *
 * A socket reports trouble as an 'error' event, and an 'error' event with
 * no listener throws: one rude client would crash the whole server. So every
 * connection listens for 'error'. Most errors on a live server are not bugs
 * but peers leaving abruptly; they deserve a debug line, not an alarm.
 */

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
 * @hint nudge: errors from Node carry a string code such as ECONNRESET;
 *   anything can be thrown, though, including null.
 * @hint concept: read a code property defensively and check it against
 *   PEER_GONE_CODES; anything else (no code, not a string, another code) is not
 *   a peer leaving.
 * @hint solution: read the error's code property without trusting its shape (it
 *   may be anything, even null); the answer is whether that code is a string
 *   found in PEER_GONE_CODES.
 */
export function isPeerGone(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && PEER_GONE_CODES.has(code);
}
