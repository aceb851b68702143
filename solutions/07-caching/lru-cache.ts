/**
 * A least-recently-used cache with two budgets: total bytes and entry
 * count. A JavaScript Map remembers insertion order, so "touch" is delete
 * and re-insert, and the least recently used entry is always the first.
 *
 *     oldest ............................ newest
 *     [ /a 4 KiB ][ /b 1 KiB ][ /c 9 KiB ]  + /d 8 KiB, budget 16 KiB
 *     evict /a, then /b -> [ /c 9 KiB ][ /d 8 KiB ]... still 17: evict /c
 */

export interface LruLimits {
  /** The most bytes all entries may hold together. */
  readonly maxBytes: number;
  /** The most entries, whatever their size (bounds per-entry overhead). */
  readonly maxEntries: number;
}

interface Slot<V> {
  readonly value: V;
  readonly size: number;
}

export class LruCache<V> {
  readonly #limits: LruLimits;
  readonly #slots = new Map<string, Slot<V>>();
  readonly #onEvict: (key: string, value: V) => void;
  #bytes = 0;

  constructor(
    limits: LruLimits,
    onEvict: (key: string, value: V) => void = () => {},
  ) {
    if (!(limits.maxBytes > 0 && limits.maxEntries > 0))
      throw new RangeError("LruCache limits must be positive");
    this.#limits = limits;
    this.#onEvict = onEvict;
  }

  /** Total size of the entries, in the units `set` was given. */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#slots.size;
  }

  /** Keys from least to most recently used. */
  keys(): string[] {
    return [...this.#slots.keys()];
  }

  /**
   * The value, marking it most recently used.
   *
   * @exercise
   * @hint nudge: a Map remembers insertion order; 'least recently used' is
   *   about reads too.
   * @hint concept: an LRU cache evicts the entry read longest ago, so a hit
   *   must count as a use: move the entry to the most recently used end of the
   *   order, and eviction, which takes from the front, spares it.
   * @hint solution: find the slot; a miss answers undefined; re-inserting the
   *   same key moves it to the end of the Map's order; hand back the stored
   *   value.
   */
  get(key: string): V | undefined {
    const slot = this.#slots.get(key);
    if (slot === undefined) return undefined;
    this.#slots.delete(key);
    this.#slots.set(key, slot);
    return slot.value;
  }

  /**
   * Removes an entry without counting it as an eviction.
   *
   * @exercise
   * @hint nudge: the byte budget is a running total: removing an entry must
   *   give its bytes back.
   * @hint concept: remove the slot if present and take its recorded size off
   *   the total, so the budget stays exact whatever order entries come and go
   *   in; report whether anything was removed.
   * @hint solution: look the slot up first (you need its size), answer no when
   *   it is absent, otherwise remove it, adjust the running total and answer
   *   yes.
   */
  delete(key: string): boolean {
    const slot = this.#slots.get(key);
    if (slot === undefined) return false;
    this.#slots.delete(key);
    this.#bytes -= slot.size;
    return true;
  }

  /**
   * Stores `value` as the most recently used entry, replacing any entry
   * under the same key, then evicts from the least recently used end until
   * both budgets hold. An entry larger than the whole byte budget is
   * refused (returns false) rather than emptying the cache for nothing.
   *
   * @exercise
   * @hint nudge: a Map iterates in insertion order, so its first key is the
   *   least recently used.
   * @hint concept: a value larger than the whole budget is refused. Else
   *   replace any old entry (its bytes come off), insert at the recent end, add
   *   its size, and evict from the old end while bytes or entries exceed their
   *   budget, telling the owner of each eviction.
   * @hint solution: an early refusal; reuse delete() for the replacement;
   *   after inserting, a while loop over the two budget tests that takes the
   *   Map's first entry, deletes it through delete() and calls the eviction
   *   callback with its key and value; true at the end.
   */
  set(key: string, value: V, size: number): boolean {
    if (size > this.#limits.maxBytes) return false;
    this.delete(key);
    this.#slots.set(key, { value, size });
    this.#bytes += size;
    const { maxBytes, maxEntries } = this.#limits;
    while (this.#bytes > maxBytes || this.#slots.size > maxEntries) {
      const oldest = this.#slots.entries().next();
      if (oldest.done) break;
      const [k, slot] = oldest.value;
      this.delete(k);
      this.#onEvict(k, slot.value);
    }
    return true;
  }
}
