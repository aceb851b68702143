/**
 * The numbers on the wire: frame types, flags and sizes (RFC 9113 §4, §6).
 *
 * Every frame starts with the same nine-byte header; its type byte says
 * how to read the payload, and its flags byte carries the type's booleans.
 * A flag means something only for the types that define it: END_STREAM is
 * 0x1 on DATA and HEADERS, and the same bit is ACK on SETTINGS and PING.
 */
import { Buffer } from "node:buffer";

/** The ten frame types of RFC 9113 §6, by their type byte. */
export const FRAME_TYPE = {
  DATA: 0x0,
  HEADERS: 0x1,
  PRIORITY: 0x2,
  RST_STREAM: 0x3,
  SETTINGS: 0x4,
  PUSH_PROMISE: 0x5,
  PING: 0x6,
  GOAWAY: 0x7,
  WINDOW_UPDATE: 0x8,
  CONTINUATION: 0x9,
} as const;

export type FrameTypeName = keyof typeof FRAME_TYPE;

/** Type byte to name; undefined for a type this codec does not know. */
export const FRAME_TYPE_NAMES: ReadonlyMap<number, FrameTypeName> = new Map(
  Object.entries(FRAME_TYPE).map(([name, type]) => [
    type,
    name as FrameTypeName,
  ]),
);

/** Flag bits (RFC 9113 §6). Which types define each is noted. */
export const FLAG = {
  /** DATA, HEADERS: the sender's last frame on this stream. */
  END_STREAM: 0x1,
  /** SETTINGS, PING: this frame answers one of ours. */
  ACK: 0x1,
  /** HEADERS, PUSH_PROMISE, CONTINUATION: the field block ends here. */
  END_HEADERS: 0x4,
  /** DATA, HEADERS, PUSH_PROMISE: a Pad Length byte comes first. */
  PADDED: 0x8,
  /** HEADERS: five bytes of RFC 7540 priority come next. */
  PRIORITY: 0x20,
} as const;

/** Length (24 bits), type, flags, reserved bit and stream id (31 bits). */
export const FRAME_HEADER_BYTES = 9;

/**
 * The smallest and largest values of SETTINGS_MAX_FRAME_SIZE (§6.5.2).
 * Every endpoint must accept frames up to the minimum, 16 KiB, which is
 * also the initial value; the maximum is what 24 length bits can say.
 */
export const MIN_MAX_FRAME_SIZE = 16_384;
export const MAX_MAX_FRAME_SIZE = 16_777_215;

/** Stream ids are 31 bits; the top bit of the field is reserved (§4.1). */
export const MAX_STREAM_ID = 0x7fff_ffff;

/**
 * The client connection preface (RFC 9113 §3.4): 24 bytes no HTTP/1.x
 * server would take for a request it can serve, so a server that does
 * not speak HTTP/2 fails fast, and one that does knows at once.
 */
export const CONNECTION_PREFACE: Uint8Array = Buffer.from(
  "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
  "latin1",
);
