/**
 * Responses leave in request order. RFC 9112 §9.3.2: "A server MAY process
 * a sequence of pipelined requests in parallel if they all have safe
 * methods, but it MUST send the corresponding responses in the same order
 * that the requests were received."
 *
 * HTTP/1.1 has no request ids: the only thing tying a response to its
 * request is its position on the wire. So each request takes a ticket when
 * it is parsed, its handler fills the ticket whenever it finishes, and the
 * writer only ever takes from the front. A slow first handler holds back
 * every later response: head-of-line blocking, by design.
 */

const PENDING: unique symbol = Symbol("pending");
const DROPPED: unique symbol = Symbol("dropped");

/** One position in the queue: pending until its handler finishes. */
interface Slot<T> {
  value: T | typeof PENDING | typeof DROPPED;
}

export class ResponseQueue<T> {
  /** Slots in request order; index 0 is the oldest unsent response. */
  readonly #slots: Slot<T>[] = [];

  /** Reserved slots not yet taken by the writer (pending or ready). */
  get size(): number {
    return this.#slots.length;
  }

  /**
   * Takes a place in line for a request just parsed.
   *
   * @exercise
   * @hint nudge: answers can be ready out of order, but must be written in
   *   request order.
   * @hint concept: RFC 9112 §9.3.2: responses go out in request order, and
   *   HTTP/1.1 has no request ids. So each request takes a place at the tail
   *   when its head is parsed, marked pending, and holds on to it; its answer
   *   fills it later.
   * @hint solution: make a slot object whose value is the pending marker,
   *   append it to the slots, and give it to the caller.
   */
  reserve(): Slot<T> {
    const slot: Slot<T> = { value: PENDING };
    this.#slots.push(slot);
    return slot;
  }

  /**
   * Fills a slot with its response. Returns false when the slot was already
   * filled (an error answer got there first) or was dropped by clear().
   *
   * @exercise
   * @hint nudge: two answers can race for one slot: an error answer (a body
   *   that broke) and the handler's late response.
   * @hint concept: only a pending slot can be filled: the first answer wins,
   *   and a slot dropped by clear() (the connection closed) takes nothing.
   *   Report whether the value went in, so the caller knows whether to flush;
   *   the writer only ever takes from the front (RFC 9112 §9.3.2).
   * @hint solution: refuse (false) a slot whose value is anything but the
   *   pending marker; otherwise store the value in it and say yes.
   */
  fill(slot: Slot<T>, value: T): boolean {
    if (slot.value !== PENDING) return false;
    slot.value = value;
    return true;
  }

  /**
   * The next response to write, or undefined when the oldest one is still
   * being computed. Never skips ahead: that is the whole point.
   *
   * @exercise
   * @hint nudge: a later response that is ready must still wait for an earlier
   *   one.
   * @hint concept: RFC 9112 §9.3.2: responses go out in the order the requests
   *   came. So look only at the front slot, and take it only when it has been
   *   filled (its value is no longer the PENDING marker).
   * @hint solution: peek at the first slot; nothing there or still pending
   *   means nothing to give; otherwise remove it from the front and hand back
   *   its value.
   */
  shift(): T | undefined {
    const first = this.#slots[0];
    if (first === undefined || first.value === PENDING) return undefined;
    this.#slots.shift();
    return first.value as T;
  }

  /**
   * Forgets every slot: the connection is closing. It runs twice per
   * connection, usually on an empty queue, often in code not yet
   * optimized, where a for-of makes an iterator object: an index does not.
   * An empty queue returns first: setting an array's length is a call into
   * V8's runtime, about 70 ns even when there is nothing to drop.
   */
  clear(): void {
    const slots = this.#slots;
    if (slots.length === 0) return;
    for (let i = 0; i < slots.length; i++)
      (slots[i] as Slot<T>).value = DROPPED;
    slots.length = 0;
  }
}

export type { Slot as ResponseSlot };
