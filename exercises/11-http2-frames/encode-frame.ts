// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function frameParts(frame: Frame): FrameParts {
  throw new NotImplemented({
    chapter: "11",
    name: "frameParts",
    file: "exercises/11-http2-frames/encode-frame.ts",
    hint: "one case per frame type; build the flags byte from the booleans and the payload from the fields, in the order of the RFC's figure.",
  });
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
