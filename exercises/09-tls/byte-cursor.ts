// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * A cursor over TLS's presentation language (RFC 8446 §3): big-endian
 * integers and length-prefixed vectors.
 *
 * Every read returns undefined instead of running past the end, so a
 * length that lies becomes a value the caller turns into TLS_BAD_LENGTH,
 * never an exception or a read of someone else's bytes. A vector
 * `opaque x<0..2^16-1>` is a 2-byte length then that many bytes (§3.4).
 */
import { NotImplemented } from "#course/not-implemented.ts";
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
   */
  uint(size: 1 | 2 | 3): number | undefined {
    throw new NotImplemented({
      chapter: "09",
      name: "ByteCursor.uint",
      file: "exercises/09-tls/byte-cursor.ts",
      hint: "not enough bytes left is undefined, not a partial number.",
    });
  }

  /**
   * The next `length` bytes, as a view (no copy).
   *
   * @exercise
   */
  take(length: number): Uint8Array | undefined {
    throw new NotImplemented({
      chapter: "09",
      name: "ByteCursor.take",
      file: "exercises/09-tls/byte-cursor.ts",
      hint: "a view shares memory with the input: subarray, not slice.",
    });
  }

  /**
   * A vector with a `size`-byte length prefix (RFC 8446 §3.4).
   *
   * @exercise
   */
  vector(size: 1 | 2 | 3): Uint8Array | undefined {
    throw new NotImplemented({
      chapter: "09",
      name: "ByteCursor.vector",
      file: "exercises/09-tls/byte-cursor.ts",
      hint: "a vector is a length, then that many bytes; either can be missing.",
    });
  }
}
