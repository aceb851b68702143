// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
   */
  push(data: Uint8Array): void {
    throw new NotImplemented({
      chapter: "03",
      name: "BodyStream.push",
      file: "exercises/03-keep-alive/request-body.ts",
      hint: "body bytes arrive when the socket delivers them, not when the handler reads.",
    });
  }

  /** The trailer fields, once the reader has taken the last chunk. */
  get trailers(): HeaderList {
    return this.#trailers;
  }

  /**
   * No more data; `trailers` are what came after it, if anything.
   *
   * @exercise
   */
  end(trailers: HeaderList = NO_TRAILERS): void {
    throw new NotImplemented({
      chapter: "03",
      name: "BodyStream.end",
      file: "exercises/03-keep-alive/request-body.ts",
      hint: "the end of the body carries the trailers with it (chunked, chapter 04).",
    });
  }

  /**
   * The body broke (bad framing, reset): the reader's loop throws.
   *
   * @exercise
   */
  fail(error: Error): void {
    throw new NotImplemented({
      chapter: "03",
      name: "BodyStream.fail",
      file: "exercises/03-keep-alive/request-body.ts",
      hint: "a body that breaks (bad chunk, client gone) must reach the handler as an error, not as a short body.",
    });
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
