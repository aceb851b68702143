/**
 * One whole frame, header and payload, to a Frame value or the rule it
 * broke. The incremental decoder calls this once the payload is in.
 */
import {
  decodeGoaway,
  decodePing,
  decodeSettings,
  decodeWindowUpdate,
} from "./decode-connection-frames.ts";
import {
  decodeContinuation,
  decodeData,
  decodeHeaders,
  decodePriority,
  decodePushPromise,
  decodeRstStream,
} from "./decode-stream-frames.ts";
import { type Decoded, ok } from "./frame-error.ts";
import type { FrameHeader } from "./frame-header.ts";
import type { Frame } from "./frames.ts";
import { FRAME_TYPE } from "./frame-types.ts";

type PayloadDecoder = (
  header: FrameHeader,
  payload: Uint8Array,
) => Decoded<Frame>;

/** Type byte to payload decoder (RFC 9113 §6). */
const DECODERS: ReadonlyMap<number, PayloadDecoder> = new Map<
  number,
  PayloadDecoder
>([
  [FRAME_TYPE.DATA, decodeData],
  [FRAME_TYPE.HEADERS, decodeHeaders],
  [FRAME_TYPE.PRIORITY, decodePriority],
  [FRAME_TYPE.RST_STREAM, decodeRstStream],
  [FRAME_TYPE.SETTINGS, decodeSettings],
  [FRAME_TYPE.PUSH_PROMISE, decodePushPromise],
  [FRAME_TYPE.PING, decodePing],
  [FRAME_TYPE.GOAWAY, decodeGoaway],
  [FRAME_TYPE.WINDOW_UPDATE, decodeWindowUpdate],
  [FRAME_TYPE.CONTINUATION, decodeContinuation],
]);

/**
 * Decodes a frame whose header passed checkFrameHeader. An unknown type
 * comes back as an UNKNOWN frame with its raw flags and payload (§4.1:
 * the connection discards it; §5.5 lets extensions give it meaning).
 */
export function decodeFrame(
  header: FrameHeader,
  payload: Uint8Array,
): Decoded<Frame> {
  const decode = DECODERS.get(header.type);
  if (decode) return decode(header, payload);
  const { type: frameType, flags, streamId } = header;
  return ok({ type: "UNKNOWN", frameType, flags, streamId, payload });
}
