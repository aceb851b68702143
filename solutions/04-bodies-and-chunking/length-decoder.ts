/**
 * A body framed by Content-Length (RFC 9112 §6.2, §6.3 rule 6): exactly
 * that many bytes, then the next request. The decoder is a countdown; its
 * whole job is to stop at the boundary and leave every later byte alone,
 * because those bytes are the next pipelined request.
 */
import type { BodyDecoder, DecodeStep } from "#ch03/body-decoder.ts";

export class ContentLengthDecoder implements BodyDecoder {
  #remaining: number;

  /** @param length the Content-Length, greater than 0. */
  constructor(length: number) {
    this.#remaining = length;
  }

  /** Bytes of content still expected. */
  get remaining(): number {
    return this.#remaining;
  }

  /**
   * Takes up to the remaining count from `input` and hands it on as body
   * data; done once the count reaches zero. Bytes past the boundary are
   * not consumed.
   *
   * @exercise
   * @hint nudge: the input may hold less than the rest of the body, exactly the
   *   rest, or the rest plus the next request.
   * @hint concept: RFC 9112 §6.2: Content-Length is the body's exact length in
   *   octets, and §6.3: bytes past it are the next message on the connection,
   *   so never consume more than remains.
   * @hint solution: take the smaller of what remains and what arrived, count it
   *   down, and return a data step whose consumed is exactly that count, whose
   *   data is a view of that many bytes (or undefined when there are none), and
   *   which is done when the count reached zero.
   */
  decode(input: Uint8Array): DecodeStep {
    const n = Math.min(this.#remaining, input.byteLength);
    this.#remaining -= n;
    const data = n > 0 ? input.subarray(0, n) : undefined;
    return { kind: "data", consumed: n, data, done: this.#remaining === 0 };
  }
}
