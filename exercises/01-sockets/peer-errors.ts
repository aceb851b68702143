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

/** True when `error` says the peer left, not that our code is wrong. */
export function isPeerGone(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && PEER_GONE_CODES.has(code);
}
