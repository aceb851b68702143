// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
   */
  add(name: string, value: string): void {
    throw new NotImplemented({
      chapter: "12",
      name: "DynamicTable.add",
      file: "exercises/12-hpack/dynamic-table.ts",
      hint: "make room first, by dropping the oldest entries, then add; remember the entry that does not fit even in an empty table.",
    });
  }

  /**
   * A new maximum size (a table size update, §6.3), evicting what no
   * longer fits (§4.3).
   *
   * @exercise
   */
  setMaxSize(maxSize: number): void {
    throw new NotImplemented({
      chapter: "12",
      name: "DynamicTable.setMaxSize",
      file: "exercises/12-hpack/dynamic-table.ts",
      hint: "store the new limit, then evict down to it.",
    });
  }

  /**
   * Drops oldest entries until the size is at most `target` (or the
   * table is empty). An array shift is O(entries), and a 4 KB table holds
   * at most 128 entries, so a ring buffer would buy nothing here.
   *
   * @exercise
   */
  evict(target: number): void {
    throw new NotImplemented({
      chapter: "12",
      name: "DynamicTable.evict",
      file: "exercises/12-hpack/dynamic-table.ts",
      hint: "the oldest entry is at the front of #entries.",
    });
  }

  /**
   * The newest entry equal to (name, value), or else the newest with that
   * name (1 = newest): for the encoder.
   *
   * @exercise
   */
  find(
    name: string,
    value: string,
  ): { readonly index: number; readonly exact: boolean } | undefined {
    throw new NotImplemented({
      chapter: "12",
      name: "DynamicTable.find",
      file: "exercises/12-hpack/dynamic-table.ts",
      hint: "walk from the newest entry; an exact match ends the search, a name match is remembered.",
    });
  }
}
