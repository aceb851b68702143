// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Payload decoders for the connection-level frames: SETTINGS, PING,
 * GOAWAY and WINDOW_UPDATE (RFC 9113 §6.5, §6.7 to §6.9).
 *
 * checkFrameHeader has already enforced their streams and lengths; what
 * is left are the values inside.
 */
import {
  connectionError,
  type Decoded,
  failed,
  ok,
  streamError,
} from "./frame-error.ts";
import type { FrameHeader } from "./frame-header.ts";
import type {
  GoawayFrame,
  PingFrame,
  SettingsFrame,
  WindowUpdateFrame,
} from "./frames.ts";
import { FLAG, MAX_STREAM_ID } from "./frame-types.ts";
import { decodeSettingsPayload } from "./settings.ts";
import { NotImplemented } from "#course/not-implemented.ts";

const view = (b: Uint8Array): DataView =>
  new DataView(b.buffer, b.byteOffset, b.byteLength);

/** SETTINGS (§6.5): a list of entries, or an empty ACK. */
export function decodeSettings(
  header: FrameHeader,
  payload: Uint8Array,
): Decoded<SettingsFrame> {
  const settings = decodeSettingsPayload(payload);
  if (!settings.ok) return settings;
  const ack = (header.flags & FLAG.ACK) !== 0;
  return ok({ type: "SETTINGS", streamId: 0, ack, settings: settings.value });
}

/** PING (§6.7): eight opaque bytes, copied (a PING is answered later). */
export function decodePing(
  header: FrameHeader,
  payload: Uint8Array,
): Decoded<PingFrame> {
  const ack = (header.flags & FLAG.ACK) !== 0;
  return ok({
    type: "PING",
    streamId: 0,
    ack,
    opaque: Uint8Array.from(payload),
  });
}

/** GOAWAY (§6.8): R + Last-Stream-ID, Error Code, Additional Debug Data. */
export function decodeGoaway(
  _header: FrameHeader,
  payload: Uint8Array,
): Decoded<GoawayFrame> {
  const v = view(payload);
  return ok({
    type: "GOAWAY",
    streamId: 0,
    lastStreamId: v.getUint32(0) & MAX_STREAM_ID,
    errorCode: v.getUint32(4),
    debug: payload.subarray(8),
  });
}

/**
 * WINDOW_UPDATE (§6.9): R + a 31-bit increment. §6.9: a receiver "MUST
 * treat the receipt of a WINDOW_UPDATE frame with a flow-control window
 * increment of 0 as a stream error of type PROTOCOL_ERROR"; on stream 0
 * that is the connection's window, so it is a connection error.
 *
 * @exercise
 */
export function decodeWindowUpdate(
  header: FrameHeader,
  payload: Uint8Array,
): Decoded<WindowUpdateFrame> {
  throw new NotImplemented({
    chapter: "11",
    name: "decodeWindowUpdate",
    file: "exercises/11-http2-frames/decode-connection-frames.ts",
    hint: "four bytes, big-endian, and the top bit is reserved.",
  });
}
