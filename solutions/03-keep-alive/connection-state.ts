/**
 * The states of an HTTP/1.1 connection, from the server's side.
 *
 *     idle ──first byte──▶ head ──head parsed──▶ idle      (no body)
 *       ▲                   │  └──────────────▶ body ──body ended──▶ idle
 *       │                   │                    │
 *       │        parse error, head timeout,      │ body error
 *       │        last request, client FIN        ▼
 *       │                   └──────────────▶ closing ──responses flushed──▶ lingering
 *       │                                                                      │
 *    idle timeout ──────────────────────────────────────────▶ lingering ──FIN or linger timeout──▶ closed
 *
 *     head ──Upgrade taken──▶ upgraded          any ──socket error──▶ closed
 *
 * Only Http1Connection.#enter changes state, and it re-arms the one timer
 * the new state needs (see timerFor).
 */
export type ConnectionState =
  /** Between requests: waiting for the first byte of the next head. */
  | "idle"
  /** Some bytes of a head have arrived; the head timeout runs. */
  | "head"
  /** Decoding a request body (chapter 04's decoder). */
  | "body"
  /** Reading no more requests; writing the responses already queued. */
  | "closing"
  /** Our FIN is sent; reading and discarding until the peer closes. */
  | "lingering"
  /** The socket belongs to another protocol now (chapter 14). */
  | "upgraded"
  /** The socket is gone. */
  | "closed";
