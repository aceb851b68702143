/**
 * The nine bytes every frame starts with (RFC 9113 §4.1):
 *
 *     Length (24) | Type (8) | Flags (8) | R (1) | Stream Identifier (31)
 *
 * All numbers are big-endian ("network byte order", §2.2 of RFC 9113's
 * notation). The reserved bit R "MUST remain unset (0x0) when sending and
 * MUST be ignored when receiving", so reading masks it off.
 */
import { FRAME_HEADER_BYTES, MAX_STREAM_ID } from "./frame-types.ts";

export interface FrameHeader {
  /** Payload bytes that follow the header: 0 to 2^24 - 1. */
  readonly length: number;
  /** The type byte, known or not. */
  readonly type: number;
  /** The flags byte, all eight bits as received. */
  readonly flags: number;
  /** 31 bits; the reserved bit already dropped. */
  readonly streamId: number;
}

/**
 * Reads the frame header that starts at `offset`; the caller guarantees
 * nine bytes are there.
 *
 * @exercise
 * @hint nudge: three bytes of length, one of type, one of flags, four of stream
 *   id, all big-endian.
 * @hint concept: RFC 9113 §4.1: the length is a 24-bit unsigned integer, and
 *   the top bit of the stream id is reserved and "MUST be ignored when
 *   receiving".
 * @hint solution: length = (b[o] << 16) | (b[o+1] << 8) | b[o+2]; type =
 *   b[o+3]; flags = b[o+4]; streamId = readUInt32BE(o+5) & MAX_STREAM_ID (use a
 *   DataView or Buffer; mind that << 24 goes negative).
 */
export function readFrameHeader(
  bytes: Uint8Array,
  offset: number,
): FrameHeader {
  const view = new DataView(
    bytes.buffer,
    bytes.byteOffset + offset,
    FRAME_HEADER_BYTES,
  );
  const length = (view.getUint8(0) << 16) | view.getUint16(1);
  return {
    length,
    type: view.getUint8(3),
    flags: view.getUint8(4),
    streamId: view.getUint32(5) & MAX_STREAM_ID,
  };
}

/**
 * Writes a frame header into `target` at `offset`. The caller's values
 * are ours, so a bad one is a bug here, not a peer's error: it throws.
 *
 * @exercise
 * @hint nudge: the mirror image of readFrameHeader; leave the reserved bit 0.
 * @hint concept: RFC 9113 §4.1: the length must fit in 24 bits and the stream
 *   id in 31; everything is big-endian.
 * @hint solution: check 0 <= length < 2^24 and 0 <= streamId <= MAX_STREAM_ID;
 *   then target[o] = length >>> 16, target[o+1] = (length >>> 8) & 0xff,
 *   target[o+2] = length & 0xff, target[o+3] = type, target[o+4] = flags, and a
 *   big-endian uint32 streamId at o+5.
 */
export function writeFrameHeader(
  target: Uint8Array,
  offset: number,
  header: FrameHeader,
): void {
  const { length, type, flags, streamId } = header;
  if (!Number.isInteger(length) || length < 0 || length > 0xff_ffff) {
    throw new RangeError(`frame length ${length} does not fit in 24 bits`);
  }
  if (!Number.isInteger(streamId) || streamId < 0 || streamId > MAX_STREAM_ID) {
    throw new RangeError(`stream id ${streamId} does not fit in 31 bits`);
  }
  const view = new DataView(
    target.buffer,
    target.byteOffset + offset,
    FRAME_HEADER_BYTES,
  );
  view.setUint8(0, length >>> 16);
  view.setUint16(1, length & 0xffff);
  view.setUint8(3, type);
  view.setUint8(4, flags);
  view.setUint32(5, streamId);
}
