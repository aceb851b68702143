/**
 * The frame encoder: a Frame value to its bytes on the wire (RFC 9113
 * §4.1, §6). The mirror of decodeFrame, so that encoding then decoding
 * gives back the same frame (the property tests hold it to that).
 *
 * Frames we send are ours: a value that cannot be sent (a payload above
 * 2^24 - 1 bytes, padding above 255) is a bug in the caller, so the
 * encoder throws rather than returning an error value. Splitting a body
 * or a field block to the peer's SETTINGS_MAX_FRAME_SIZE is the
 * connection's job (chapter 13); the encoder writes what it is given.
 */
import { Buffer } from "node:buffer";
import { writeFrameHeader } from "./frame-header.ts";
import type { Frame, Priority } from "./frames.ts";
import {
  FLAG,
  FRAME_HEADER_BYTES,
  FRAME_TYPE,
  MAX_STREAM_ID,
} from "./frame-types.ts";
import { SETTING_BYTES } from "./settings.ts";

/** A frame reduced to what the header and payload need. */
export interface FrameParts {
  readonly type: number;
  readonly flags: number;
  readonly streamId: number;
  readonly payload: Uint8Array;
}

const flag = (on: boolean, bit: number): number => (on ? bit : 0);

/** A 31-bit value with the reserved bit clear, and `top` set on request. */
function u32(value: number, top = false): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(
    0,
    (value & MAX_STREAM_ID) + (top ? 0x8000_0000 : 0),
  );
  return out;
}

function priorityBytes(p: Priority): Uint8Array {
  if (p.weight < 1 || p.weight > 256)
    throw new RangeError(`weight ${p.weight} not in 1..256`);
  return Uint8Array.of(...u32(p.dependsOn, p.exclusive), p.weight - 1);
}

/** [Pad Length] content [padding]: the PADDED layout of §6.1. */
function padded(
  content: readonly Uint8Array[],
  padLength: number | undefined,
): Uint8Array {
  if (padLength === undefined) return Buffer.concat(content);
  if (padLength < 0 || padLength > 255)
    throw new RangeError(`padding ${padLength} not in 0..255`);
  return Buffer.concat([
    Uint8Array.of(padLength),
    ...content,
    new Uint8Array(padLength),
  ]);
}

/**
 * The type, flags and payload of a frame: flags from its booleans, the
 * payload laid out as §6 draws it for that type.
 *
 * @exercise
 * @hint nudge: one case per frame type; build the flags byte from the
 *   booleans and the payload from the fields, in the order of the RFC's
 *   figure.
 * @hint concept: RFC 9113 §6 draws each payload: PADDED adds a Pad Length
 *   byte first and zeros last; PRIORITY adds E + dependency (4 bytes) and
 *   weight - 1 (1 byte) before the fragment; SETTINGS is 6 bytes an entry;
 *   GOAWAY is last stream id, error code, debug data; reserved bits are 0.
 * @hint solution: a switch over the frame's type. flag and pad make the flags
 *   byte; padded lays out DATA, HEADERS (priorityBytes first, if any) and
 *   PUSH_PROMISE; u32 and code write 32-bit fields; settingsPayload for
 *   SETTINGS; PING must be 8 bytes; UNKNOWN passes through as it came.
 */
export function frameParts(frame: Frame): FrameParts {
  const { streamId } = frame;
  switch (frame.type) {
    case "DATA": {
      const flags =
        flag(frame.endStream, FLAG.END_STREAM) | pad(frame.padLength);
      return {
        type: FRAME_TYPE.DATA,
        flags,
        streamId,
        payload: padded([frame.data], frame.padLength),
      };
    }
    case "HEADERS": {
      const p = frame.priority;
      const flags =
        flag(frame.endStream, FLAG.END_STREAM) |
        flag(frame.endHeaders, FLAG.END_HEADERS) |
        flag(p !== undefined, FLAG.PRIORITY) |
        pad(frame.padLength);
      const content = p ? [priorityBytes(p), frame.fragment] : [frame.fragment];
      return {
        type: FRAME_TYPE.HEADERS,
        flags,
        streamId,
        payload: padded(content, frame.padLength),
      };
    }
    case "PRIORITY":
      return {
        type: FRAME_TYPE.PRIORITY,
        flags: 0,
        streamId,
        payload: priorityBytes(frame.priority),
      };
    case "RST_STREAM":
      return {
        type: FRAME_TYPE.RST_STREAM,
        flags: 0,
        streamId,
        payload: code(frame.errorCode),
      };
    case "SETTINGS":
      return {
        type: FRAME_TYPE.SETTINGS,
        flags: flag(frame.ack, FLAG.ACK),
        streamId,
        payload: settingsPayload(frame.settings),
      };
    case "PUSH_PROMISE": {
      const flags =
        flag(frame.endHeaders, FLAG.END_HEADERS) | pad(frame.padLength);
      const content = [u32(frame.promisedStreamId), frame.fragment];
      return {
        type: FRAME_TYPE.PUSH_PROMISE,
        flags,
        streamId,
        payload: padded(content, frame.padLength),
      };
    }
    case "PING":
      if (frame.opaque.length !== 8)
        throw new RangeError("PING carries exactly 8 bytes");
      return {
        type: FRAME_TYPE.PING,
        flags: flag(frame.ack, FLAG.ACK),
        streamId,
        payload: frame.opaque,
      };
    case "GOAWAY": {
      const payload = Buffer.concat([
        u32(frame.lastStreamId),
        code(frame.errorCode),
        frame.debug,
      ]);
      return { type: FRAME_TYPE.GOAWAY, flags: 0, streamId, payload };
    }
    case "WINDOW_UPDATE":
      return {
        type: FRAME_TYPE.WINDOW_UPDATE,
        flags: 0,
        streamId,
        payload: u32(frame.increment),
      };
    case "CONTINUATION": {
      const flags = flag(frame.endHeaders, FLAG.END_HEADERS);
      return {
        type: FRAME_TYPE.CONTINUATION,
        flags,
        streamId,
        payload: frame.fragment,
      };
    }
    case "UNKNOWN":
      return {
        type: frame.frameType,
        flags: frame.flags,
        streamId,
        payload: frame.payload,
      };
  }
}

const pad = (padLength: number | undefined): number =>
  flag(padLength !== undefined, FLAG.PADDED);

/** A 32-bit error code (RFC 9113 §7), all 32 bits used. */
function code(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}

function settingsPayload(
  settings: readonly { id: number; value: number }[],
): Uint8Array {
  const out = new Uint8Array(settings.length * SETTING_BYTES);
  const view = new DataView(out.buffer);
  settings.forEach(({ id, value }, i) => {
    view.setUint16(i * SETTING_BYTES, id);
    view.setUint32(i * SETTING_BYTES + 2, value);
  });
  return out;
}

/** One frame, header and payload, as bytes ready for the socket. */
export function encodeFrame(frame: Frame): Buffer {
  const { type, flags, streamId, payload } = frameParts(frame);
  const out = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  writeFrameHeader(out, 0, { length: payload.length, type, flags, streamId });
  out.set(payload, FRAME_HEADER_BYTES);
  return out;
}
