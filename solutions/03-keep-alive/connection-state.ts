/**
 * The states of an HTTP/1.1 connection, from the server's side, and the
 * transitions between them (chapters/03-keep-alive.md draws them):
 *
 *     idle      → head       first byte of a request
 *     head      → idle       head parsed, no body
 *     head      → body       head parsed, a body follows (chapter 04)
 *     body      → idle       body ended
 *     idle      → upgraded   a 101 written: the socket changes protocol
 *     head/body → closing    parse error, head timeout, last request, client FIN
 *     idle      → closing    client FIN
 *     closing   → lingering  every owed response written; our FIN sent
 *     idle      → lingering  keep-alive timeout
 *     lingering → closed     the client's FIN, or the linger timeout
 *     any       → closed     socket error or reset
 *
 * Only Http1Connection.enter changes state; the deadline each state needs
 * follows from it (timerFor).
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
