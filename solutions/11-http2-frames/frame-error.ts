/**
 * What the frame codec reports when a peer breaks a rule: a value, never
 * a thrown exception.
 *
 * RFC 9113 §5.4 sorts every error into two kinds. A connection error
 * leaves the connection unusable: the endpoint sends GOAWAY with the code
 * and closes. A stream error concerns one stream: the endpoint sends
 * RST_STREAM for it and the connection goes on. Each rule in §6 says
 * which kind it is, and the codec returns exactly that, so the connection
 * (chapter 13) acts on `scope` without knowing the rule.
 */
import { ERROR_CODES, type ErrorCodeName } from "./error-codes.ts";

export interface FrameError {
  /** "connection": GOAWAY and close; "stream": RST_STREAM `streamId`. */
  readonly scope: "connection" | "stream";
  readonly code: ErrorCodeName;
  /** The 32-bit value to put on the wire (RFC 9113 §7). */
  readonly value: number;
  /** The stream to reset; 0 for a connection error. */
  readonly streamId: number;
  /** A short reason: GOAWAY's debug data, a log line. */
  readonly reason: string;
}

/** A connection error (RFC 9113 §5.4.1). */
export function connectionError(
  code: ErrorCodeName,
  reason: string,
): FrameError {
  return {
    scope: "connection",
    code,
    value: ERROR_CODES[code],
    streamId: 0,
    reason,
  };
}

/** A stream error (RFC 9113 §5.4.2) on `streamId`. */
export function streamError(
  streamId: number,
  code: ErrorCodeName,
  reason: string,
): FrameError {
  return { scope: "stream", code, value: ERROR_CODES[code], streamId, reason };
}

/** What the small decoding steps return: a value or the rule it broke. */
export type Decoded<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: FrameError };

export const ok = <T>(value: T): Decoded<T> => ({ ok: true, value });
export const failed = <T>(error: FrameError): Decoded<T> => ({
  ok: false,
  error,
});
