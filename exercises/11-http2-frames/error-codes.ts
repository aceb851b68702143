/**
 * HTTP/2's error codes (RFC 9113 §7): the 32-bit values that RST_STREAM
 * and GOAWAY carry to say why a stream or the connection ended.
 *
 * The codes are shared by the whole protocol: the frame codec (this
 * chapter) reports FRAME_SIZE_ERROR and PROTOCOL_ERROR, HPACK (chapter 12)
 * reports COMPRESSION_ERROR, and the connection (chapter 13) sends them all.
 * One table, here, so that every layer spells a code the same way.
 */

export const ERROR_CODES = {
  /** Graceful shutdown, or a stream that simply ended. */
  NO_ERROR: 0x0,
  /** The peer broke a rule that has no more specific code. */
  PROTOCOL_ERROR: 0x1,
  /** Our own fault: something went wrong inside this endpoint. */
  INTERNAL_ERROR: 0x2,
  /** The peer broke the flow-control rules (§5.2). */
  FLOW_CONTROL_ERROR: 0x3,
  /** Our SETTINGS were not acknowledged in time (§6.5.3). */
  SETTINGS_TIMEOUT: 0x4,
  /** A frame arrived for a stream already half-closed (§5.1). */
  STREAM_CLOSED: 0x5,
  /** A frame of the wrong size (§4.2). */
  FRAME_SIZE_ERROR: 0x6,
  /** The stream was refused before any processing: safe to retry. */
  REFUSED_STREAM: 0x7,
  /** The stream is no longer needed. */
  CANCEL: 0x8,
  /** The field-block decoder's state is lost (RFC 7541). */
  COMPRESSION_ERROR: 0x9,
  /** A CONNECT tunnel failed (§8.5). */
  CONNECT_ERROR: 0xa,
  /** The peer is generating excessive load. */
  ENHANCE_YOUR_CALM: 0xb,
  /** The TLS connection does not meet the requirements of §9.2. */
  INADEQUATE_SECURITY: 0xc,
  /** Retry this request over HTTP/1.1. */
  HTTP_1_1_REQUIRED: 0xd,
} as const;

export type ErrorCodeName = keyof typeof ERROR_CODES;

/** Wire value to name, built once from the table above. */
const NAMES = new Map<number, ErrorCodeName>(
  Object.entries(ERROR_CODES).map(([name, code]) => [
    code,
    name as ErrorCodeName,
  ]),
);

/**
 * The name of a received code, or undefined. §7: "Unknown or unsupported
 * error codes MUST NOT trigger any special behavior", so an unknown code
 * is kept as a number and treated like INTERNAL_ERROR by whoever logs it.
 */
export function errorCodeName(code: number): ErrorCodeName | undefined {
  return NAMES.get(code);
}
