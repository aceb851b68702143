/**
 * A list whose items carry their own links: what a server keeps of every
 * open connection (chapter 01's ConnectionSet, chapter 09's waiting peeks,
 * chapter 10's watchdog).
 *
 * A `Map` keyed by socket looks like the obvious home for them, and is
 * the wrong one for something that changes on every connection. V8 keeps
 * a Map's entries in insertion order in one table; a deletion only marks
 * its entry, so after as many additions as the table has room for, the
 * Map moves to a new table. The old table keeps its entries and a link to
 * the new one (for iterators that were walking it), until a full
 * collection finds it dead. A scavenge, which collects only the young
 * generation, cannot tell: a table old enough to live in the old
 * generation holds on to the next one, that one to the next, and all of
 * them to every socket they held when they were replaced. So closed
 * connections by the hundred are copied and promoted instead of dropped
 * (notes 09, "The table a Map leaves behind").
 *
 * Here each item holds its neighbours: adding and removing are O(1) with
 * no lookup, and a removed item is unlinked at once. Node keeps its timer
 * lists the same way (`_idlePrev`, `_idleNext`), as do nginx (ngx_queue_t)
 * and libuv.
 */

/** What a list can hold: an object with room for its two links. */
export interface Linked<T> {
  prev: T | undefined;
  next: T | undefined;
}

/** Items in the order they were added; any one removed in O(1). */
export class LinkedList<T extends Linked<T>> {
  #first: T | undefined;
  #last: T | undefined;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** The item added longest ago, if any. */
  get first(): T | undefined {
    return this.#first;
  }

  /**
   * Adds `item` at the end.
   *
   * @exercise
   * @hint nudge: the new item is the last one; what was last points to it.
   * @hint concept: the item's prev is the current last (its next is nothing);
   *   the current last, or the list's first when it is empty, now leads to it.
   *   Count it.
   * @hint solution: item.prev = #last; item.next = undefined; if #last is set,
   *   #last.next = item, else #first = item; #last = item; #size++.
   */
  push(item: T): void {
    item.prev = this.#last;
    item.next = undefined;
    if (this.#last === undefined) this.#first = item;
    else this.#last.next = item;
    this.#last = item;
    this.#size++;
  }

  /**
   * Takes `item` out; an item not in the list is left alone, so removing
   * twice is harmless.
   *
   * @exercise
   * @hint nudge: join the item's neighbours to each other, then forget them:
   *   a removed item must point to nothing, or it would keep them alive.
   * @hint concept: an item with no prev is in the list only if it is the
   *   first. Its prev (or the list's first) takes its next; its next (or the
   *   list's last) takes its prev. Clear both of its links, and count it out.
   * @hint solution: return if !item.prev and #first !== item; if prev,
   *   prev.next = next, else #first = next; if next, next.prev = prev, else
   *   #last = prev; item.prev = item.next = undefined; #size--.
   */
  remove(item: T): void {
    const { prev, next } = item;
    if (prev === undefined && this.#first !== item) return;
    if (prev === undefined) this.#first = next;
    else prev.next = next;
    if (next === undefined) this.#last = prev;
    else next.prev = prev;
    item.prev = undefined;
    item.next = undefined;
    this.#size--;
  }

  /**
   * The items in order. Removing the item just given is safe: its next
   * is read before it is handed out.
   */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let item = this.#first; item !== undefined; ) {
      const next = item.next;
      yield item;
      item = next;
    }
  }
}
