// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function readingDecision(state: ReadingState): ReadingDecision {
  throw new NotImplemented({
    chapter: "03",
    name: "readingDecision",
    file: "exercises/03-keep-alive/back-pressure.ts",
    hint: "there are three reasons to stop reading, and you may only resume when all three are gone.",
  });
}
