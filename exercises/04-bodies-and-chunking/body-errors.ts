/**
 * Why a body was refused: a catalogue with stable codes, each mapped to
 * one status and a one-line reason the connection sends as the body.
 *
 * A body error arrives mid-message, after the head was accepted, so every
 * one of them also closes the connection: once the framing is in doubt we
 * cannot know where the next request starts (RFC 9112 §7.1: a recipient
 * that cannot parse the chunked coding cannot find the message's end).
 */
import type { ConnectionError } from "#ch03/body-decoder.ts";

export const BODY_ERRORS = {
  CHUNK_SIZE_INVALID: { status: 400, reason: "invalid chunk-size line" },
  CHUNK_SIZE_TOO_LARGE: { status: 400, reason: "chunk-size too large" },
  CHUNK_EXTENSION_INVALID: { status: 400, reason: "invalid chunk extension" },
  CHUNK_EXTENSION_TOO_LONG: {
    status: 400,
    reason: "chunk extensions too long",
  },
  CHUNK_LINE_TOO_LONG: { status: 400, reason: "chunk-size line too long" },
  CHUNK_DATA_NOT_CRLF: {
    status: 400,
    reason: "chunk data not followed by CRLF",
  },
  CHUNK_BARE_LF: { status: 400, reason: "chunk line ends in LF without CR" },
  CHUNK_BARE_CR: {
    status: 400,
    reason: "CR not followed by LF in a chunk line",
  },
  TRAILER_INVALID: { status: 400, reason: "invalid trailer field" },
  TRAILER_TOO_LARGE: { status: 431, reason: "trailer section too large" },
  BODY_TOO_LARGE: { status: 413, reason: "request content too large" },
  EXPECTATION_FAILED: {
    status: 417,
    reason: "only 100-continue is expected here",
  },
} as const;

export type BodyErrorCode = keyof typeof BODY_ERRORS;

/** The ConnectionError chapter 03 sends for `code`. */
export function bodyError(code: BodyErrorCode): ConnectionError {
  const { status, reason } = BODY_ERRORS[code];
  return { code, status, reason };
}
