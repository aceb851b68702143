/**
 * Padding (RFC 9113 §6.1, §6.2, §6.6): DATA, HEADERS and PUSH_PROMISE may
 * hide their true size behind zero bytes, a defence against attacks that
 * learn secrets from the length of compressed data (CRIME, BREACH).
 *
 * With PADDED set, the payload's first byte is the Pad Length, and that
 * many bytes at the end are padding. What lies between is the content.
 */
import { connectionError, type Decoded, failed, ok } from "./frame-error.ts";

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
 * @hint nudge: without PADDED, the whole payload is content; with it, byte 0
 *   says how much to cut off the end.
 * @hint concept: RFC 9113 §6.1: no room for the Pad Length byte is
 *   FRAME_SIZE_ERROR; padding as long as the rest of the payload (or longer) is
 *   PROTOCOL_ERROR; both connection errors. Non-zero padding MAY be refused
 *   (PROTOCOL_ERROR).
 * @hint solution: if (!padded) return ok({ content: payload, padLength:
 *   undefined }); if (payload.length < 1) FRAME_SIZE_ERROR; const pad =
 *   payload[0]; if (pad >= payload.length) PROTOCOL_ERROR; const end =
 *   payload.length - pad; if (payload.subarray(end).some((b) => b !== 0))
 *   PROTOCOL_ERROR; return ok({ content: payload.subarray(1, end), padLength:
 *   pad }).
 */
export function stripPadding(
  payload: Uint8Array,
  padded: boolean,
): Decoded<Unpadded> {
  if (!padded) return ok({ content: payload, padLength: undefined });
  if (payload.length < 1) {
    return failed(
      connectionError("FRAME_SIZE_ERROR", "PADDED without a Pad Length"),
    );
  }
  const padLength = payload[0] as number;
  if (padLength >= payload.length) {
    return failed(
      connectionError("PROTOCOL_ERROR", "padding as long as the payload"),
    );
  }
  const end = payload.length - padLength;
  for (let i = end; i < payload.length; i++) {
    if (payload[i] !== 0)
      return failed(connectionError("PROTOCOL_ERROR", "non-zero padding"));
  }
  return ok({ content: payload.subarray(1, end), padLength });
}
