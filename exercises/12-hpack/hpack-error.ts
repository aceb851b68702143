/**
 * HPACK's one error: COMPRESSION_ERROR, a connection error.
 *
 * RFC 9113 §4.3: "A decoding error in a field block MUST be treated as a
 * connection error of type COMPRESSION_ERROR." There is no stream error
 * in HPACK, because the dynamic table is shared by every stream on the
 * connection: once one block fails to decode, nobody knows what the table
 * holds, and every later block is suspect. The values are chapter 11's,
 * so the connection sends GOAWAY the same way for both layers.
 */
import {
  connectionError,
  type Decoded,
  type FrameError,
} from "#ch11/frame-error.ts";

export type { Decoded, FrameError };
export { ok } from "#ch11/frame-error.ts";

/** A COMPRESSION_ERROR with a reason. */
export function compressionFailure(reason: string): FrameError {
  return connectionError("COMPRESSION_ERROR", reason);
}

/** The same, as a failed Decoded value. */
export function compressionError<T>(reason: string): Decoded<T> {
  return { ok: false, error: compressionFailure(reason) };
}
