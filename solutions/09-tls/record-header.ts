/**
 * The five bytes in front of every TLS record (RFC 8446 §5.1):
 *
 *     struct {
 *         ContentType type;                 // 22 = handshake
 *         ProtocolVersion legacy_record_version;
 *         uint16 length;                    // at most 2^14
 *         opaque fragment[TLSPlaintext.length];
 *     } TLSPlaintext;
 *
 * A server that peeks at a connection (a TLS-terminating proxy choosing a
 * certificate, a port that speaks both HTTP and HTTPS) reads these first.
 */
import { fail, ok, type Read } from "./tls-errors.ts";

/** ContentType handshake (RFC 8446 §5.1). */
export const HANDSHAKE = 22;

/** The record header's size in bytes. */
export const RECORD_HEADER_BYTES = 5;

/**
 * 2^14 bytes: "The length MUST NOT exceed 2^14 bytes. An endpoint that
 * receives a record that exceeds this length MUST terminate the
 * connection with a "record_overflow" alert." (RFC 8446 §5.1)
 */
export const MAX_RECORD_BYTES = 2 ** 14;

export interface RecordHeader {
  readonly type: number;
  /** legacy_record_version: 0x0301 from most ClientHellos, else 0x0303. */
  readonly version: number;
  /** Bytes of fragment that follow the header. */
  readonly length: number;
}

/** A header that needs more bytes, or a read one. */
export type RecordRead = Read<RecordHeader | "incomplete">;

/** "A"–"Z": how an HTTP/1 request line starts (a method is upper case). */
const isUpperAscii = (b: number): boolean => b >= 0x41 && b <= 0x5a;

/**
 * Reads the record header at the start of `bytes`, for the first record
 * of a connection: it must carry a handshake. Answers as early as it can:
 * one wrong first byte is an error at once, without waiting for five.
 *
 * @exercise
 * @hint nudge: judge each byte as soon as it is there; "incomplete" only when
 *   fewer than 5 bytes arrived and none of them is already wrong.
 * @hint concept: byte 0 is the content type (22, or an upper-case letter: plain
 *   HTTP); byte 1 is the major version, always 3 (RFC 8446 §5.1 says the rest
 *   of the version is ignored); bytes 3–4 are a big-endian length, 1 to 2^14
 *   for a handshake record.
 * @hint solution: if (bytes.length > 0 && bytes[0] !== HANDSHAKE) return
 *   fail(isUpperAscii(bytes[0]) ? "TLS_PLAIN_HTTP" : "TLS_NOT_HANDSHAKE"); if
 *   (bytes.length > 1 && bytes[1] !== 3) return fail("TLS_BAD_RECORD_VERSION");
 *   if (bytes.length < RECORD_HEADER_BYTES) return ok("incomplete"); const
 *   length = bytes[3] * 256 + bytes[4]; if (length > MAX_RECORD_BYTES)
 *   fail("TLS_RECORD_OVERFLOW"); if (length === 0) fail("TLS_EMPTY_RECORD");
 *   return ok({ type, version: bytes[1] * 256 + bytes[2], length }).
 */
export function readRecordHeader(bytes: Uint8Array): RecordRead {
  const type = bytes[0];
  if (type !== undefined && type !== HANDSHAKE) {
    return fail(isUpperAscii(type) ? "TLS_PLAIN_HTTP" : "TLS_NOT_HANDSHAKE");
  }
  const major = bytes[1];
  if (major !== undefined && major !== 3) return fail("TLS_BAD_RECORD_VERSION");
  if (bytes.length < RECORD_HEADER_BYTES) return ok("incomplete");
  const length = (bytes[3] as number) * 256 + (bytes[4] as number);
  if (length > MAX_RECORD_BYTES) return fail("TLS_RECORD_OVERFLOW");
  // "Implementations MUST NOT send zero-length fragments of Handshake types"
  if (length === 0) return fail("TLS_EMPTY_RECORD");
  const version = 0x0300 + (bytes[2] as number);
  return ok({ type: HANDSHAKE, version, length });
}
