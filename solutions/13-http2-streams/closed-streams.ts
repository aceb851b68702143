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

  /** A closed stream's id and how it closed; the oldest is forgotten. */
  remember(id: number, how: ClosedHow): void {
    this.#ids[this.#next] = id;
    this.#hows[this.#next] = HOWS.indexOf(how);
    this.#next = (this.#next + 1) % REMEMBERED;
    if (id > this.#largest) this.#largest = id;
  }

  /** How `id` closed, if it is still remembered (the newest entry wins). */
  get(id: number): ClosedHow | undefined {
    if (id > this.#largest || id === 0) return undefined;
    for (let n = 1; n <= REMEMBERED; n++) {
      const slot = (this.#next - n + REMEMBERED) % REMEMBERED;
      if (this.#ids[slot] === id) return HOWS[this.#hows[slot] as number];
    }
    return undefined;
  }
}
