/**
 * A growable output buffer for the encoder: HPACK writes a byte or a few
 * at a time, and the block's final size is not known in advance.
 */
export class ByteWriter {
  #buffer: Uint8Array;
  #length = 0;

  constructor(capacity = 256) {
    this.#buffer = new Uint8Array(capacity);
  }

  get length(): number {
    return this.#length;
  }

  /** Room for `n` more bytes, doubling so appends stay amortised O(1). */
  #reserve(n: number): void {
    if (this.#length + n <= this.#buffer.length) return;
    let size = this.#buffer.length * 2;
    while (size < this.#length + n) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.#buffer.subarray(0, this.#length));
    this.#buffer = bigger;
  }

  byte(value: number): void {
    this.#reserve(1);
    this.#buffer[this.#length++] = value;
  }

  bytes(values: Uint8Array): void {
    this.#reserve(values.length);
    this.#buffer.set(values, this.#length);
    this.#length += values.length;
  }

  /** Latin1: one byte per character, as header values are kept. */
  latin1(text: string): void {
    this.#reserve(text.length);
    for (let i = 0; i < text.length; i++)
      this.#buffer[this.#length++] = text.charCodeAt(i);
  }

  /** The bytes written so far (a copy: the writer may be reused). */
  take(): Uint8Array {
    const out = this.#buffer.slice(0, this.#length);
    this.#length = 0;
    return out;
  }
}
