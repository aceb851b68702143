/**
 * A cursor over TLS's presentation language (RFC 8446 §3): big-endian
 * integers and length-prefixed vectors.
 *
 * Every read returns undefined instead of running past the end, so a
 * length that lies becomes a value the caller turns into TLS_BAD_LENGTH,
 * never an exception or a read of someone else's bytes. A vector
 * `opaque x<0..2^16-1>` is a 2-byte length then that many bytes (§3.4).
 */
export class ByteCursor {
  readonly #bytes: Uint8Array;
  #at = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  /** Bytes not read yet. */
  get remaining(): number {
    return this.#bytes.length - this.#at;
  }

  /**
   * An unsigned big-endian integer of `size` bytes (1 to 3): network
   * byte order, most significant byte first (RFC 8446 §3.3).
   *
   * @exercise
   * @hint nudge: not enough bytes left is undefined, not a partial number.
   * @hint concept: check remaining first; then n = n * 256 + next byte, `size`
   *   times, moving the position as you go.
   * @hint solution: if (this.remaining < size) return undefined; let n = 0; for
   *   (let i = 0; i < size; i++) n = n * 256 + this.#bytes[this.#at++]; return
   *   n.
   */
  uint(size: 1 | 2 | 3): number | undefined {
    if (this.remaining < size) return undefined;
    let n = 0;
    for (let i = 0; i < size; i++)
      n = n * 256 + (this.#bytes[this.#at++] as number);
    return n;
  }

  /**
   * The next `length` bytes, as a view (no copy).
   *
   * @exercise
   * @hint nudge: a view shares memory with the input: subarray, not slice.
   * @hint concept: undefined when fewer than `length` bytes remain; otherwise
   *   subarray from the position and advance it.
   * @hint solution: if (this.remaining < length) return undefined; const out =
   *   this.#bytes.subarray(this.#at, this.#at + length); this.#at += length;
   *   return out.
   */
  take(length: number): Uint8Array | undefined {
    if (this.remaining < length) return undefined;
    const out = this.#bytes.subarray(this.#at, this.#at + length);
    this.#at += length;
    return out;
  }

  /**
   * A vector with a `size`-byte length prefix (RFC 8446 §3.4).
   *
   * @exercise
   * @hint nudge: a vector is a length, then that many bytes; either can be
   *   missing.
   * @hint concept: uint(size) for the length, take(length) for the bytes;
   *   undefined from either is undefined.
   * @hint solution: const length = this.uint(size); return length === undefined
   *   ? undefined : this.take(length).
   */
  vector(size: 1 | 2 | 3): Uint8Array | undefined {
    const length = this.uint(size);
    return length === undefined ? undefined : this.take(length);
  }
}
