// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
   */
  reserve(): Slot<T> {
    throw new NotImplemented({
      chapter: "03",
      name: "ResponseQueue.reserve",
      file: "exercises/03-keep-alive/response-queue.ts",
      hint: "answers can be ready out of order, but must be written in request order.",
    });
  }

  /**
   * Fills a slot with its response. Returns false when the slot was already
   * filled (an error answer got there first) or was dropped by clear().
   *
   * @exercise
   */
  fill(slot: Slot<T>, value: T): boolean {
    throw new NotImplemented({
      chapter: "03",
      name: "ResponseQueue.fill",
      file: "exercises/03-keep-alive/response-queue.ts",
      hint: "two answers can race for one slot: an error answer (a body that broke) and the handler's late response.",
    });
  }

  /**
   * The next response to write, or undefined when the oldest one is still
   * being computed. Never skips ahead: that is the whole point.
   *
   * @exercise
   */
  shift(): T | undefined {
    throw new NotImplemented({
      chapter: "03",
      name: "ResponseQueue.shift",
      file: "exercises/03-keep-alive/response-queue.ts",
      hint: "a later response that is ready must still wait for an earlier one.",
    });
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
