// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * The last few closed streams, and how each closed (RFC 9113 §5.1).
 *
 * A closed stream is forgotten, but not at once: a frame for a stream we
 * reset may still be in flight and must be ignored, while one for a
 * stream that ended normally is the client's error. So the last
 * REMEMBERED ids are kept in a ring: two fixed arrays, written in turn,
 * the oldest overwritten. A ring costs nothing per stream, where a Map
 * that gains one id and loses another for every request keeps
 * reallocating its table.
 */
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * How a forgotten stream closed: we reset it (frames still in flight are
 * ignored), the client reset it (any frame but PRIORITY is then a stream
 * error STREAM_CLOSED, §5.1), or it ended normally.
 */
export type ClosedHow = "reset" | "peer-reset" | "ended";

/** Closed stream ids remembered, with how they closed. */
export const REMEMBERED = 256;

const HOWS: readonly ClosedHow[] = ["reset", "peer-reset", "ended"];

export class ClosedStreams {
  /** Stream ids (0: an empty slot; stream 0 is never a stream). */
  readonly #ids = new Uint32Array(REMEMBERED);
  /** Index into HOWS, slot by slot. */
  readonly #hows = new Uint8Array(REMEMBERED);
  #next = 0;
  /** The largest id remembered: a new stream's id is above it, no search. */
  #largest = 0;

  /**
   * A closed stream's id and how it closed; the oldest is forgotten.
   *
   * @exercise
   */
  remember(id: number, how: ClosedHow): void {
    throw new NotImplemented({
      chapter: "13",
      name: "ClosedStreams.remember",
      file: "exercises/13-http2-streams/closed-streams.ts",
      hint: "write at the cursor, move the cursor on, wrap around.",
    });
  }

  /**
   * How `id` closed, if it is still remembered (the newest entry wins).
   *
   * @exercise
   */
  get(id: number): ClosedHow | undefined {
    throw new NotImplemented({
      chapter: "13",
      name: "ClosedStreams.get",
      file: "exercises/13-http2-streams/closed-streams.ts",
      hint: "look backwards from the newest slot; stop early when the id cannot be there.",
    });
  }
}
