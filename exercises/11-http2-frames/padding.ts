// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Padding (RFC 9113 §6.1, §6.2, §6.6): DATA, HEADERS and PUSH_PROMISE may
 * hide their true size behind zero bytes, a defence against attacks that
 * learn secrets from the length of compressed data (CRIME, BREACH).
 *
 * With PADDED set, the payload's first byte is the Pad Length, and that
 * many bytes at the end are padding. What lies between is the content.
 */
import { connectionError, type Decoded, failed, ok } from "./frame-error.ts";
import { NotImplemented } from "#course/not-implemented.ts";

export interface Unpadded {
  /** The bytes between the Pad Length byte and the padding. */
  readonly content: Uint8Array;
  /** undefined when the frame was not PADDED. */
  readonly padLength: number | undefined;
}

/**
 * Separates content from padding. §6.1: "If the length of the padding is
 * the length of the frame payload or greater, the recipient MUST treat this
 * as a connection error of type PROTOCOL_ERROR." Padding must be zeros;
 * the receiver MAY check, and we do: a peer that puts data there is
 * either broken or using it as a channel.
 *
 * @exercise
 */
export function stripPadding(
  payload: Uint8Array,
  padded: boolean,
): Decoded<Unpadded> {
  throw new NotImplemented({
    chapter: "11",
    name: "stripPadding",
    file: "exercises/11-http2-frames/padding.ts",
    hint: "without PADDED, the whole payload is content; with it, byte 0 says how much to cut off the end.",
  });
}
