/**
 * Who may open which stream (RFC 9113 §5.1.1).
 *
 * Stream ids say who opened a stream and in what order: clients use odd
 * numbers, servers even ones, and each side's ids only go up. That lets
 * both ends agree, with no message exchanged, on which streams exist: an
 * id above the highest seen is idle, one below it that is not open any
 * more is closed, and an id can never be reused. A connection that runs
 * out of ids (2^31 - 1) must be replaced by a new one.
 */
import { connectionError, type FrameError } from "#ch11/frame-error.ts";

/** A stream id's opener: odd ids are the client's (§5.1.1). */
export function isClientStream(id: number): boolean {
  return id % 2 === 1;
}

/**
 * Checks the id of a HEADERS frame that would open a new stream, given
 * the highest id the client has used so far; undefined when it may.
 *
 * §5.1.1: "Streams initiated by a client MUST use odd-numbered stream
 * identifiers"; "The identifier of a newly established stream MUST be
 * numerically greater than all streams that the initiating endpoint has
 * opened or reserved"; "An endpoint that receives an unexpected stream
 * identifier MUST respond with a connection error of type PROTOCOL_ERROR."
 *
 * @exercise
 * @hint nudge: two rules: who may open it, and in which order.
 * @hint concept: RFC 9113 §5.1.1: a client opens odd ids only, each
 *   greater than every id it opened before; either mistake is a connection
 *   error PROTOCOL_ERROR.
 * @hint solution: an id isClientStream refuses, then an id not above
 *   highest: each a connectionError PROTOCOL_ERROR whose reason names the
 *   stream (and, for the second, the highest); else undefined.
 */
export function checkNewStreamId(
  id: number,
  highest: number,
): FrameError | undefined {
  if (!isClientStream(id)) {
    return connectionError(
      "PROTOCOL_ERROR",
      `stream ${id}: a client opens odd ids only`,
    );
  }
  if (id <= highest) {
    return connectionError(
      "PROTOCOL_ERROR",
      `stream ${id} is not above ${highest}`,
    );
  }
  return undefined;
}
