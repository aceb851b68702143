// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Payload decoders for the frames that belong to one stream: DATA,
 * HEADERS, PRIORITY, RST_STREAM, PUSH_PROMISE and CONTINUATION
 * (RFC 9113 §6.1 to §6.4, §6.6, §6.10).
 *
 * Each runs after checkFrameHeader, so the stream id is non-zero and the
 * fixed lengths are right. What is left are the rules inside the payload:
 * padding, the optional priority block, the promised stream id.
 * The decoded byte fields are views of `payload`, not copies.
 */
import type { Priority } from "./frames.ts";
import type {
  ContinuationFrame,
  DataFrame,
  HeadersFrame,
  PriorityFrame,
  PushPromiseFrame,
  RstStreamFrame,
} from "./frames.ts";
import {
  connectionError,
  type Decoded,
  failed,
  ok,
  streamError,
} from "./frame-error.ts";
import type { FrameHeader } from "./frame-header.ts";
import { FLAG, MAX_STREAM_ID } from "./frame-types.ts";
import { stripPadding } from "./padding.ts";
import { NotImplemented } from "#course/not-implemented.ts";

const view = (b: Uint8Array): DataView =>
  new DataView(b.buffer, b.byteOffset, b.byteLength);

/**
 * Exclusive bit, 31-bit dependency, weight - 1: five bytes (§5.3.2 of RFC
 * 7540).
 */
function readPriority(bytes: Uint8Array): Priority {
  const word = view(bytes).getUint32(0);
  return {
    exclusive: word >>> 31 === 1,
    dependsOn: word & MAX_STREAM_ID,
    weight: (bytes[4] as number) + 1,
  };
}

/**
 * DATA (§6.1): padding aside, the payload is the data.
 *
 * @exercise
 */
export function decodeData(
  header: FrameHeader,
  payload: Uint8Array,
): Decoded<DataFrame> {
  throw new NotImplemented({
    chapter: "11",
    name: "decodeData",
    file: "exercises/11-http2-frames/decode-stream-frames.ts",
    hint: "stripPadding does the hard part; the flags give END_STREAM and PADDED.",
  });
}

/**
 * HEADERS (§6.2): [Pad Length] [priority: 5 bytes] fragment [padding].
 * A HEADERS frame that makes its stream depend on itself is a stream
 * error (§5.3.1), but the connection must still decode its field block to
 * keep HPACK in step, so that check is left to chapter 13.
 *
 * @exercise
 */
export function decodeHeaders(
  header: FrameHeader,
  payload: Uint8Array,
): Decoded<HeadersFrame> {
  throw new NotImplemented({
    chapter: "11",
    name: "decodeHeaders",
    file: "exercises/11-http2-frames/decode-stream-frames.ts",
    hint: "strip the padding first, then take five priority bytes off the front if PRIORITY is set; the rest is the fragment.",
  });
}

/** PRIORITY (§6.3): five bytes; a stream cannot depend on itself (§5.3.1). */
export function decodePriority(
  header: FrameHeader,
  payload: Uint8Array,
): Decoded<PriorityFrame> {
  const priority = readPriority(payload);
  if (priority.dependsOn === header.streamId) {
    return failed(
      streamError(
        header.streamId,
        "PROTOCOL_ERROR",
        "stream depends on itself",
      ),
    );
  }
  return ok({ type: "PRIORITY", streamId: header.streamId, priority });
}

/** RST_STREAM (§6.4): one 32-bit error code, known or not (§7). */
export function decodeRstStream(
  header: FrameHeader,
  payload: Uint8Array,
): Decoded<RstStreamFrame> {
  return ok({
    type: "RST_STREAM",
    streamId: header.streamId,
    errorCode: view(payload).getUint32(0),
  });
}

/**
 * PUSH_PROMISE (§6.6): [Pad Length] R + Promised Stream ID, fragment,
 * [padding].
 */
export function decodePushPromise(
  header: FrameHeader,
  payload: Uint8Array,
): Decoded<PushPromiseFrame> {
  const padded = (header.flags & FLAG.PADDED) !== 0;
  if (payload.length < (padded ? 5 : 4)) {
    return failed(
      connectionError("FRAME_SIZE_ERROR", "PUSH_PROMISE too short"),
    );
  }
  const unpadded = stripPadding(payload, padded);
  if (!unpadded.ok) return unpadded;
  const { content, padLength } = unpadded.value;
  if (content.length < 4) {
    return failed(
      connectionError(
        "PROTOCOL_ERROR",
        "padding covers the promised stream id",
      ),
    );
  }
  const frame: PushPromiseFrame = {
    type: "PUSH_PROMISE",
    streamId: header.streamId,
    endHeaders: (header.flags & FLAG.END_HEADERS) !== 0,
    promisedStreamId: view(content).getUint32(0) & MAX_STREAM_ID,
    fragment: content.subarray(4),
  };
  return ok(padLength === undefined ? frame : { ...frame, padLength });
}

/** CONTINUATION (§6.10): only a fragment and END_HEADERS. */
export function decodeContinuation(
  header: FrameHeader,
  payload: Uint8Array,
): Decoded<ContinuationFrame> {
  return ok({
    type: "CONTINUATION",
    streamId: header.streamId,
    endHeaders: (header.flags & FLAG.END_HEADERS) !== 0,
    fragment: payload,
  });
}
