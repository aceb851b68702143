/**
 * When to stop reading the socket.
 *
 * A pipelining client can send requests faster than handlers answer them,
 * and a client that never reads can let responses pile up in our write
 * buffer. Either way memory grows with the peer's appetite, not ours. The
 * fix is TCP's own flow control: pause the socket, stop draining the
 * kernel's receive buffer, and the peer's window closes. Resume when the
 * reason is gone.
 */

export interface ReadingState {
  /** Is the socket paused right now? */
  readonly paused: boolean;
  /** Requests parsed whose responses have not been fully written. */
  readonly inFlight: number;
  /** The limit: ConnectionOptions.maxPipelinedRequests. */
  readonly maxInFlight: number;
  /** socket.write() returned false and 'drain' has not fired yet. */
  readonly writeBlocked: boolean;
  /** A request body buffered past its high-water mark (chapter 04). */
  readonly bodyBlocked: boolean;
}

export type ReadingDecision = "pause" | "resume" | "stay";

/**
 * Pause when any reason to stop holds; resume only when none does.
 *
 * @exercise
 * @hint nudge: there are three reasons to stop reading, and you may only
 *   resume when all three are gone.
 * @hint concept: stopping reading is how a server pushes back on a pipelining
 *   client: the kernel buffer fills and TCP's window closes (RFC 9112 §9.3.2
 *   lets a server bound what it accepts ahead). Stop for a full in-flight
 *   count, blocked writes or a body over its mark.
 * @hint solution: one boolean for 'should stop' from the three facts; the
 *   answer is a change only when it disagrees with the paused flag, in either
 *   direction, and 'stay' otherwise.
 */
export function readingDecision(state: ReadingState): ReadingDecision {
  const stop =
    state.inFlight >= state.maxInFlight ||
    state.writeBlocked ||
    state.bodyBlocked;
  if (stop && !state.paused) return "pause";
  if (!stop && state.paused) return "resume";
  return "stay";
}
