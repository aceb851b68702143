// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function readFrameHeader(
  bytes: Uint8Array,
  offset: number,
): FrameHeader {
  throw new NotImplemented({
    chapter: "11",
    name: "readFrameHeader",
    file: "exercises/11-http2-frames/frame-header.ts",
    hint: "three bytes of length, one of type, one of flags, four of stream id, all big-endian.",
  });
}

/**
 * Writes a frame header into `target` at `offset`. The caller's values
 * are ours, so a bad one is a bug here, not a peer's error: it throws.
 *
 * @exercise
 */
export function writeFrameHeader(
  target: Uint8Array,
  offset: number,
  header: FrameHeader,
): void {
  throw new NotImplemented({
    chapter: "11",
    name: "writeFrameHeader",
    file: "exercises/11-http2-frames/frame-header.ts",
    hint: "the mirror image of readFrameHeader; leave the reserved bit 0.",
  });
}
