/**
 * The open streams of a connection, by id: the part of a Map the
 * connection uses (get, set, has, delete, values, size) over a table
 * that grows and never shrinks.
 *
 * Why not a Map: a connection opens and closes a stream per request, up
 * to a hundred at a time, and V8's Map reallocates its table as it fills
 * and again as it empties. A replaced table that has lived long enough to
 * reach the old generation still points at the streams it held, and the
 * young collector keeps whatever an old object points to: each stream,
 * its request and its response were copied into the old generation,
 * dead, to wait for a full collection (measured: 130 MiB promoted per
 * 200,000 requests with a Map, 3 MiB with this table; chapter 13, How
 * fast). Here the arrays are allocated once per size, a deleted slot is
 * cleared at once, and nothing else holds a stream.
 *
 *     ids:     [ 0 | 5 | 0 | 1 | 3 | 0 | ... ]   open addressing,
 *     values:  [ - | s5| - | s1| s3| - | ... ]   linear probing
 *
 * Ids are stream ids (RFC 9113 §5.1.1: 1 to 2^31-1), so 0 marks an empty
 * slot. The table is kept at most half full, so probes stay short.
 */

/** Slots to start with: room for a hundred streams at half load. */
const INITIAL_SLOTS = 256;

/** Fibonacci hashing: spreads consecutive odd ids over the slots. */
const home = (id: number, mask: number): number =>
  (Math.imul(id, 0x9e3779b1) >>> 0) & mask;

export class StreamTable<T> {
  #ids = new Uint32Array(INITIAL_SLOTS);
  #values: (T | undefined)[] = new Array<T | undefined>(INITIAL_SLOTS).fill(
    undefined,
  );
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /**
   * The slot holding `id`, or the empty slot where it would go.
   *
   * @exercise
   * @hint nudge: start at the id's home slot and walk forward until you
   *   find the id or an empty slot.
   * @hint concept: Open addressing with linear probing: every key lives at
   *   its home slot or after it, with no empty slot in between; the table
   *   is a power of two long, so `& mask` wraps around. 0 is never a stream
   *   id (RFC 9113 §5.1.1), so it marks an empty slot.
   * @hint solution: the mask is the table's length less one; start at home of
   *   the id and the mask; step one slot at a time, wrapping with the mask,
   *   while the slot holds some other id; the slot you stop at is the answer.
   */
  #slot(id: number): number {
    const mask = this.#ids.length - 1;
    let i = home(id, mask);
    while (this.#ids[i] !== 0 && this.#ids[i] !== id) i = (i + 1) & mask;
    return i;
  }

  get(id: number): T | undefined {
    return this.#values[this.#slot(id)];
  }

  has(id: number): boolean {
    return this.#ids[this.#slot(id)] === id;
  }

  set(id: number, value: T): this {
    let i = this.#slot(id);
    if (this.#ids[i] !== id) {
      if ((this.#size + 1) * 2 > this.#ids.length) {
        this.#grow();
        i = this.#slot(id);
      }
      this.#ids[i] = id;
      this.#size++;
    }
    this.#values[i] = value;
    return this;
  }

  /**
   * Removes `id`; false when it was not there. No tombstone is left: the
   * entries after it that could live in its slot move back (backward-shift
   * deletion), so a search still stops at the first empty slot.
   *
   * @exercise
   * @hint nudge: empty the slot, then look at the run of entries after it:
   *   one that may live earlier moves into the hole, and the hole moves on.
   * @hint concept: Linear probing finds a key by walking from its home slot
   *   to the first empty one, so a hole in the middle of a run would hide
   *   the keys after it. An entry at j with home h may fill the hole at i
   *   when h is not cyclically within (i, j].
   * @hint solution: #slot; not there: false. One fewer in #size. Walk j on
   *   from the hole until an empty slot; each entry whose home is not
   *   cyclically in (hole, j] (mind the wrap) moves with its value into the
   *   hole, and j becomes the hole. Clear the final hole; true.
   */
  delete(id: number): boolean {
    const mask = this.#ids.length - 1;
    let i = this.#slot(id);
    if (this.#ids[i] !== id) return false;
    this.#size--;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const k = this.#ids[j] as number;
      if (k === 0) break;
      const h = home(k, mask);
      if (j > i ? h <= i || h > j : h <= i && h > j) {
        this.#ids[i] = k;
        this.#values[i] = this.#values[j];
        i = j;
      }
    }
    this.#ids[i] = 0;
    this.#values[i] = undefined;
    return true;
  }

  /** Every stream in the table, in no particular order. */
  *values(): IterableIterator<T> {
    const ids = this.#ids;
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] !== 0) yield this.#values[i] as T;
    }
  }

  /** Twice the slots, every entry placed again (its home has moved). */
  #grow(): void {
    const ids = this.#ids;
    const values = this.#values;
    this.#ids = new Uint32Array(ids.length * 2);
    this.#values = new Array<T | undefined>(ids.length * 2).fill(undefined);
    this.#size = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (id !== 0) this.set(id, values[i] as T);
    }
  }
}
