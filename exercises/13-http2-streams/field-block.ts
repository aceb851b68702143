// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Joining a field block: a HEADERS frame and the CONTINUATION frames
 * that extend it (RFC 9113 §4.3, §6.10), under two budgets.
 *
 * HPACK can only decode a whole block, so the fragments must be held
 * until END_HEADERS. Nothing in the protocol bounds how many fragments
 * there are: the CONTINUATION flood of 2024 sent endless small frames and
 * never END_HEADERS, and servers that buffered them ran out of memory, or
 * of CPU decoding them. Here the block is refused as soon as it passes
 * either budget, in bytes or in frames, before it is decoded. Chapter 11's
 * decoder already refuses any other frame in the middle of a block.
 */
import { Buffer } from "node:buffer";
import { connectionError, type FrameError } from "#ch11/frame-error.ts";
import { NotImplemented } from "#course/not-implemented.ts";

export type BlockStep =
  | { readonly kind: "more" }
  | { readonly kind: "done"; readonly block: Uint8Array }
  | { readonly kind: "error"; readonly error: FrameError };

const MORE: BlockStep = { kind: "more" };

export class FieldBlock {
  readonly #fragments: Uint8Array[] = [];
  #bytes = 0;

  constructor(
    readonly streamId: number,
    /** END_STREAM on the HEADERS frame that began it. */
    readonly endStream: boolean,
    readonly maxBytes: number,
    readonly maxFrames: number,
  ) {}

  /**
   * One more fragment; `last` is END_HEADERS. Too many bytes or frames
   * end the connection: ENHANCE_YOUR_CALM, since the peer is not
   * breaking a rule of the protocol, only the server's patience.
   *
   * @exercise
   */
  add(fragment: Uint8Array, last: boolean): BlockStep {
    throw new NotImplemented({
      chapter: "13",
      name: "FieldBlock.add",
      file: "exercises/13-http2-streams/field-block.ts",
      hint: "count before you keep; join only at the end.",
    });
  }
}
