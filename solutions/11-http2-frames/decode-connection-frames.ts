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
 * @hint nudge: four bytes, big-endian, and the top bit is reserved.
 * @hint concept: RFC 9113 §6.9: the increment is 31 bits (ignore the reserved
 *   bit); an increment of 0 is PROTOCOL_ERROR, a stream error on a stream, a
 *   connection error on stream 0.
 * @hint solution: const increment = getUint32(0) & MAX_STREAM_ID; if (increment
 *   === 0) return failed(streamId === 0 ? connectionError("PROTOCOL_ERROR",
 *   ...) : streamError(streamId, "PROTOCOL_ERROR", ...)); return ok({ type:
 *   "WINDOW_UPDATE", streamId, increment }).
 */
export function decodeWindowUpdate(
  header: FrameHeader,
  payload: Uint8Array,
): Decoded<WindowUpdateFrame> {
  const increment = view(payload).getUint32(0) & MAX_STREAM_ID;
  if (increment === 0) {
    const reason = "window increment of 0";
    return failed(
      header.streamId === 0
        ? connectionError("PROTOCOL_ERROR", reason)
        : streamError(header.streamId, "PROTOCOL_ERROR", reason),
    );
  }
  return ok({ type: "WINDOW_UPDATE", streamId: header.streamId, increment });
}
