// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * A body framed by Content-Length (RFC 9112 §6.2, §6.3 rule 6): exactly
 * that many bytes, then the next request. The decoder is a countdown; its
 * whole job is to stop at the boundary and leave every later byte alone,
 * because those bytes are the next pipelined request.
 */
import type { BodyDecoder, DecodeStep } from "#ch03/body-decoder.ts";
import { NotImplemented } from "#course/not-implemented.ts";

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
   */
  decode(input: Uint8Array): DecodeStep {
    throw new NotImplemented({
      chapter: "04",
      name: "ContentLengthDecoder.decode",
      file: "exercises/04-bodies-and-chunking/length-decoder.ts",
      hint: "the input may hold less than the rest of the body, exactly the rest, or the rest plus the next request.",
    });
  }
}
