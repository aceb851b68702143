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
   * @hint nudge: if the first chunk (from #offset) has n bytes, hand out a
   *   subarray; otherwise copy piece by piece into one new array.
   * @hint concept: every byte may be copied at most once: take only what you
   *   need from each chunk, advance #offset inside the first chunk, and drop
   *   chunks you used up. Count copied bytes in #copied.
   * @hint solution: fast path: when the first held chunk has n bytes from
   *   #offset, return its subarray and this.#advance(n). Slow path: out = new
   *   Uint8Array(n); while filled < n: k = min(bytes left in the first chunk, n
   *   - filled); out.set(that slice, filled); this.#advance(k). Then #copied +=
   *   n.
   */
  take(n: number): Uint8Array {
    const first = this.#chunks[this.#first];
    if (first !== undefined && first.length - this.#offset >= n) {
      const out = first.subarray(this.#offset, this.#offset + n);
      this.#advance(n);
      return out;
    }
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.#chunks[this.#first] as Uint8Array;
      const k = Math.min(chunk.length - this.#offset, n - filled);
      out.set(chunk.subarray(this.#offset, this.#offset + k), filled);
      filled += k;
      this.#advance(k);
    }
    this.#copied += n;
    return out;
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
