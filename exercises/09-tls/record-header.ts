// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function readRecordHeader(bytes: Uint8Array): RecordRead {
  throw new NotImplemented({
    chapter: "09",
    name: "readRecordHeader",
    file: "exercises/09-tls/record-header.ts",
    hint: "judge each byte as soon as it is there; \"incomplete\" only when fewer than 5 bytes arrived and none of them is already wrong.",
  });
}
