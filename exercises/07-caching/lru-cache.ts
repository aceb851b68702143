// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * A least-recently-used cache with two budgets: total bytes and entry
 * count. A JavaScript Map remembers insertion order, so "touch" is delete
 * and re-insert, and the least recently used entry is always the first.
 *
 *     oldest ............................ newest
 *     [ /a 4 KiB ][ /b 1 KiB ][ /c 9 KiB ]  + /d 8 KiB, budget 16 KiB
 *     evict /a, then /b -> [ /c 9 KiB ][ /d 8 KiB ]... still 17: evict /c
 */
import { NotImplemented } from "#course/not-implemented.ts";

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
   */
  get(key: string): V | undefined {
    throw new NotImplemented({
      chapter: "07",
      name: "LruCache.get",
      file: "exercises/07-caching/lru-cache.ts",
      hint: "a Map remembers insertion order; 'least recently used' is about reads too.",
    });
  }

  /**
   * Removes an entry without counting it as an eviction.
   *
   * @exercise
   */
  delete(key: string): boolean {
    throw new NotImplemented({
      chapter: "07",
      name: "LruCache.delete",
      file: "exercises/07-caching/lru-cache.ts",
      hint: "the byte budget is a running total: removing an entry must give its bytes back.",
    });
  }

  /**
   * Stores `value` as the most recently used entry, replacing any entry
   * under the same key, then evicts from the least recently used end until
   * both budgets hold. An entry larger than the whole byte budget is
   * refused (returns false) rather than emptying the cache for nothing.
   *
   * @exercise
   */
  set(key: string, value: V, size: number): boolean {
    throw new NotImplemented({
      chapter: "07",
      name: "LruCache.set",
      file: "exercises/07-caching/lru-cache.ts",
      hint: "a Map iterates in insertion order, so its first key is the least recently used.",
    });
  }
}
