/**
 * Request bodies as the handler sees them: an async iterable of chunks.
 *
 * Most requests have none, so they all share one frozen empty body and the
 * hot path allocates nothing for it. A request with a body (chapter 04)
 * gets a BodyStream: the connection pushes decoded bytes in, the handler
 * pulls them out, and when the handler falls behind the connection pauses
 * the socket (back-pressure all the way to the client's TCP window).
 */
import type { HeaderList, RequestBody } from "./message.ts";

/** Trailers of every body that has none (yet). */
const NO_TRAILERS: HeaderList = Object.freeze([]);

const DONE: IteratorReturnResult<undefined> = Object.freeze({
  done: true,
  value: undefined,
});
const EMPTY_ITERATOR: AsyncIterator<Uint8Array> = Object.freeze({
  next: (): Promise<IteratorResult<Uint8Array>> => Promise.resolve(DONE),
});

/** The body of every request without one (RFC 9112 §6.3 rule 7). */
export const EMPTY_BODY: RequestBody = Object.freeze({
  length: 0,
  trailers: NO_TRAILERS,
  [Symbol.asyncIterator]: (): AsyncIterator<Uint8Array> => EMPTY_ITERATOR,
});

/** A body fed by the connection and read once by the handler. */
export class BodyStream implements RequestBody {
  readonly length: number | undefined;
  readonly #highWaterMark: number;
  readonly #onDrained: () => void;
  readonly #chunks: Uint8Array[] = [];
  #buffered = 0;
  #ended = false;
  #discarding = false;
  #error: Error | undefined;
  #wake: (() => void) | undefined;
  /** Trailers that arrived; shown once the reader reaches the end. */
  #arrived: HeaderList = NO_TRAILERS;
  #trailers: HeaderList = NO_TRAILERS;
  /** Called once, when the handler starts reading (chapter 04: 100). */
  onFirstRead: (() => void) | undefined;

  /**
   * @param onDrained called when buffered bytes fall back under the mark,
   *   so the connection can resume the socket.
   */
  constructor(
    length: number | undefined,
    highWaterMark: number,
    onDrained: () => void,
  ) {
    this.length = length;
    this.#highWaterMark = highWaterMark;
    this.#onDrained = onDrained;
  }

  /** True when the reader is behind: the connection should pause. */
  get full(): boolean {
    return this.#buffered >= this.#highWaterMark;
  }

  /**
   * Body bytes from the decoder, for the handler to read.
   *
   * @exercise
   * @hint nudge: body bytes arrive when the socket delivers them, not when the
   *   handler reads.
   * @hint concept: ignore pushes after the end or while discarding (an unread
   *   body is still decoded, RFC 9112 §6.3, to find the next request, but
   *   nobody keeps it); otherwise queue the chunk, count the buffered bytes
   *   for the high-water mark, and wake a reader that waits.
   * @hint solution: two guards, then the queue and the byte count grow by the
   *   chunk, and the private wake-up helper runs.
   */
  push(data: Uint8Array): void {
    if (this.#discarding || this.#ended) return;
    this.#chunks.push(data);
    this.#buffered += data.byteLength;
    this.#wakeReader();
  }

  /** The trailer fields, once the reader has taken the last chunk. */
  get trailers(): HeaderList {
    return this.#trailers;
  }

  /**
   * No more data; `trailers` are what came after it, if anything.
   *
   * @exercise
   * @hint nudge: the end of the body carries the trailers with it (chunked,
   *   chapter 04).
   * @hint concept: a body ends once: keep the trailers (RFC 9112 §7.1.2) until
   *   the reader reaches the end, mark the stream ended, and wake the reader
   *   so its loop can finish.
   * @hint solution: a guard against a second end, then remember the trailers,
   *   set the ended flag and wake the reader.
   */
  end(trailers: HeaderList = NO_TRAILERS): void {
    if (this.#ended) return;
    this.#arrived = trailers;
    this.#ended = true;
    this.#wakeReader();
  }

  /**
   * The body broke (bad framing, reset): the reader's loop throws.
   *
   * @exercise
   * @hint nudge: a body that breaks (bad chunk, client gone) must reach the
   *   handler as an error, not as a short body.
   * @hint concept: RFC 9112 §8: an incomplete message must not pass for a
   *   complete one. Only once: remember the error, mark the stream ended, and
   *   wake the reader, which throws when it gets there.
   * @hint solution: the same shape as end(), with the error stored where the
   *   iterator looks for it.
   */
  fail(error: Error): void {
    if (this.#ended) return;
    this.#error = error;
    this.#ended = true;
    this.#wakeReader();
  }

  /**
   * The handler answered without reading everything: drop what is
   * buffered and whatever still arrives (the connection keeps decoding it
   * to find the next request).
   */
  discard(): void {
    this.#discarding = true;
    this.#chunks.length = 0;
    this.#buffered = 0;
    this.#onDrained();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    const first = this.onFirstRead;
    this.onFirstRead = undefined;
    first?.();
    for (;;) {
      const chunk = this.#chunks.shift();
      if (chunk !== undefined) {
        const wasFull = this.full;
        this.#buffered -= chunk.byteLength;
        if (wasFull && !this.full) this.#onDrained();
        yield chunk;
      } else if (this.#error !== undefined) throw this.#error;
      else if (this.#ended) {
        this.#trailers = this.#arrived;
        return;
      } else await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  #wakeReader(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
