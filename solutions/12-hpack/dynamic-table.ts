/**
 * The dynamic table (RFC 7541 §2.3.2, §4): the fields this connection has
 * chosen to remember, newest first, bounded in bytes, not entries.
 *
 * Both sides keep an identical copy: the encoder adds a field when it
 * sends a literal "with incremental indexing", the decoder when it reads
 * one, and both evict the same oldest entries when the table is full. The
 * size of an entry is its name's and value's length plus 32 (§4.1), an
 * estimate of the bookkeeping an implementation spends per entry, so
 * that a peer cannot fill our memory with empty fields.
 */

/** Bytes each entry costs beyond its name and value (§4.1). */
export const ENTRY_OVERHEAD = 32;

export type Field = readonly [name: string, value: string];

export const entrySize = (name: string, value: string): number =>
  name.length + value.length + ENTRY_OVERHEAD;

export class DynamicTable {
  /** Oldest first, so adding is a push and evicting a shift from the front. */
  #entries: Field[] = [];
  #size = 0;
  #maxSize: number;

  constructor(maxSize: number) {
    this.#maxSize = maxSize;
  }

  /** Bytes in use, by §4.1's measure. */
  get size(): number {
    return this.#size;
  }

  get maxSize(): number {
    return this.#maxSize;
  }

  get length(): number {
    return this.#entries.length;
  }

  /** Entry `i`, 1 = the newest (§2.3.3); undefined beyond the end. */
  get(i: number): Field | undefined {
    return this.#entries[this.#entries.length - i];
  }

  /**
   * Adds a field as the newest entry, evicting the oldest until it fits.
   * §4.4: an entry larger than the whole table is not an error: the table
   * is emptied and the entry is not added.
   *
   * @exercise
   * @hint nudge: make room first, by dropping the oldest entries, then add;
   *   remember the entry that does not fit even in an empty table.
   * @hint concept: RFC 7541 §4.4: before an entry is added, entries are evicted
   *   from the end until the table's size is at most the maximum minus the new
   *   entry's size, or the table is empty. An entry larger than the maximum
   *   leaves it empty and is not added.
   * @hint solution: measure the entry with entrySize first and evict down to
   *   the maximum minus that size; only then, and only if the entry is no
   *   larger than the whole maximum, push it as the newest and add its size to
   *   the running total.
   */
  add(name: string, value: string): void {
    const size = entrySize(name, value);
    this.evict(this.#maxSize - size);
    if (size > this.#maxSize) return;
    this.#entries.push([name, value]);
    this.#size += size;
  }

  /**
   * A new maximum size (a table size update, §6.3), evicting what no
   * longer fits (§4.3).
   *
   * @exercise
   * @hint nudge: store the new limit, then evict down to it.
   * @hint concept: RFC 7541 §4.3: "Whenever the maximum size for the dynamic
   *   table is reduced, entries are evicted from the end of the dynamic table
   *   until the size of the dynamic table is less than or equal to the maximum
   *   size."
   * @hint solution: two steps: remember the new maximum in its field, then let
   *   evict bring the table down to it.
   */
  setMaxSize(maxSize: number): void {
    this.#maxSize = maxSize;
    this.evict(maxSize);
  }

  /**
   * Drops oldest entries until the size is at most `target` (or the
   * table is empty). An array shift is O(entries), and a 4 KB table holds
   * at most 128 entries, so a ring buffer would buy nothing here.
   *
   * @exercise
   * @hint nudge: the oldest entry is at the front of #entries.
   * @hint concept: RFC 7541 §4.4: eviction removes whole entries, oldest first,
   *   subtracting each one's size (name + value + 32).
   * @hint solution: a loop that runs while the size is over the target and any
   *   entry is left: take the oldest off the front of the entries and subtract
   *   its entrySize from the running size.
   */
  evict(target: number): void {
    while (this.#size > target && this.#entries.length > 0) {
      const [name, value] = this.#entries.shift() as Field;
      this.#size -= entrySize(name, value);
    }
  }

  /**
   * The newest entry equal to (name, value), or else the newest with that
   * name (1 = newest): for the encoder.
   *
   * @exercise
   * @hint nudge: walk from the newest entry; an exact match ends the search, a
   *   name match is remembered.
   * @hint concept: RFC 7541 §2.3.3: dynamic indexes count from the newest
   *   entry, so the first match found from the front is the smallest index,
   *   which encodes in the fewest bytes (§5.1).
   * @hint solution: count i from 1 (the newest) to the length, reading entries
   *   with get; skip other names; a matching value returns an exact match;
   *   otherwise keep the first index whose name matched and return it as
   *   name-only after the loop.
   */
  find(
    name: string,
    value: string,
  ): { readonly index: number; readonly exact: boolean } | undefined {
    let byName: number | undefined;
    for (let i = 1; i <= this.#entries.length; i++) {
      const [n, v] = this.get(i) as Field;
      if (n !== name) continue;
      if (v === value) return { index: i, exact: true };
      byName ??= i;
    }
    return byName === undefined ? undefined : { index: byName, exact: false };
  }
}
