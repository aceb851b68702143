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
 * @hint nudge: three bytes of length, one of type, one of flags, four of
 *   stream id, all big-endian.
 * @hint concept: RFC 9113 §4.1: the length is a 24-bit unsigned integer, and
 *   the top bit of the stream id is reserved and "MUST be ignored when
 *   receiving".
 * @hint solution: a DataView that starts at offset. The length joins byte 0
 *   (the high byte) with the 16-bit word after it; type and flags are bytes 3
 *   and 4; the stream id is the 32-bit word at byte 5, masked with
 *   MAX_STREAM_ID. Beware: shifting a byte left by 24 goes negative in JS.
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
 * @hint concept: RFC 9113 §4.1: the length must fit in 24 bits and the
 *   stream id in 31; everything is big-endian.
 * @hint solution: first throw a RangeError for a length that is not an
 *   integer in 0..2^24-1, or a stream id not in 0..MAX_STREAM_ID (our own
 *   values: a bad one is a bug). Then a DataView at offset: the length's high
 *   byte and low 16 bits, type, flags, the stream id as a 32-bit word.
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
