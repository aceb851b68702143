// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * The bytes received but not yet decoded, kept as the chunks they came
 * in, so that decoding stays linear however the peer chunks its writes.
 *
 * Appending every chunk to one growing buffer would copy the held bytes
 * again on every push: a 16 KB frame sent one byte at a time would cost
 * 16 K copies of up to 16 KB each. Here a byte is copied at most once,
 * when a frame straddles chunks; a frame inside one chunk is returned as
 * a view of it, with no copy at all.
 */
import { NotImplemented } from "#course/not-implemented.ts";
export class ByteQueue {
  #chunks: Uint8Array[] = [];
  /** Index of the first chunk still held (shift() would be O(chunks)). */
  #first = 0;
  /** Bytes of the first chunk already taken. */
  #offset = 0;
  #length = 0;
  #copied = 0;

  /** Bytes held. */
  get length(): number {
    return this.#length;
  }

  /** Bytes copied so far: the linearity probe (never above bytes pushed). */
  get copied(): number {
    return this.#copied;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  /**
   * Removes and returns the next `n` bytes; the caller checked `length`.
   * A view of the first chunk when it holds them all; otherwise one new
   * array, filled once from as many chunks as it takes.
   *
   * @exercise
   */
  take(n: number): Uint8Array {
    throw new NotImplemented({
      chapter: "11",
      name: "ByteQueue.take",
      file: "exercises/11-http2-frames/byte-queue.ts",
      hint: "if the first chunk holds n bytes from #offset, hand out a view of it; otherwise copy piece by piece into one new array.",
    });
  }

  /** Drops up to `n` bytes without copying; returns how many it dropped. */
  skip(n: number): number {
    let dropped = 0;
    while (dropped < n && this.#length > 0) {
      const chunk = this.#chunks[this.#first] as Uint8Array;
      const k = Math.min(chunk.length - this.#offset, n - dropped);
      this.#advance(k);
      dropped += k;
    }
    return dropped;
  }

  /** Moves past `k` bytes of the first chunk, dropping it when used up. */
  #advance(k: number): void {
    this.#offset += k;
    this.#length -= k;
    if (this.#offset < (this.#chunks[this.#first]?.length ?? 0)) return;
    this.#offset = 0;
    this.#first++;
    if (this.#first === this.#chunks.length) {
      this.#chunks = [];
      this.#first = 0;
    } else if (this.#first >= 1024) {
      this.#chunks = this.#chunks.slice(this.#first);
      this.#first = 0;
    }
  }
}
