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

  /**
   * A closed stream's id and how it closed; the oldest is forgotten.
   *
   * @exercise
   * @hint nudge: write at the cursor, move the cursor on, wrap around.
   * @hint concept: RFC 9113 §5.1: a closed stream must still be told
   *   apart (reset by us, by the client, or ended) for frames that were in
   *   flight; a fixed ring keeps the last REMEMBERED and costs nothing per
   *   stream. Remember the largest id, so a new stream needs no search.
   * @hint solution: at the #next slot, store the id in #ids and the index of
   *   how in HOWS in #hows; advance #next by one, back to 0 after REMEMBERED;
   *   raise #largest if this id is above it.
   */
  remember(id: number, how: ClosedHow): void {
    this.#ids[this.#next] = id;
    this.#hows[this.#next] = HOWS.indexOf(how);
    this.#next = (this.#next + 1) % REMEMBERED;
    if (id > this.#largest) this.#largest = id;
  }

  /**
   * How `id` closed, if it is still remembered (the newest entry wins).
   *
   * @exercise
   * @hint nudge: look backwards from the newest slot; stop early when the
   *   id cannot be there.
   * @hint concept: Stream ids only grow (RFC 9113 §5.1.1), so an id above
   *   every remembered one is new, not closed; 0 marks an empty slot (no
   *   stream has id 0). An id remembered twice answers with its latest.
   * @hint solution: above #largest, or 0: undefined at once. Otherwise visit
   *   the REMEMBERED slots newest first, stepping back from #next with the
   *   wrap-around (add REMEMBERED before the remainder, so it never goes
   *   negative); the first slot holding the id answers its how from HOWS.
   */
  get(id: number): ClosedHow | undefined {
    if (id > this.#largest || id === 0) return undefined;
    for (let n = 1; n <= REMEMBERED; n++) {
      const slot = (this.#next - n + REMEMBERED) % REMEMBERED;
      if (this.#ids[slot] === id) return HOWS[this.#hows[slot] as number];
    }
    return undefined;
  }
}
