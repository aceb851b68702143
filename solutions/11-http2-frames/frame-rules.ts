/**
 * The rules a frame header alone decides (RFC 9113 §4.2, §6): which
 * stream a type may use, and how long its payload may or must be.
 *
 * Checking them before the payload arrives matters. A peer that announces
 * a 16 MB frame when we allowed 16 KB is refused after nine bytes, before
 * we buffer any of it; a PING of the wrong length is refused without
 * waiting for its payload.
 */
import {
  connectionError,
  type FrameError,
  streamError,
} from "./frame-error.ts";
import type { FrameHeader } from "./frame-header.ts";
import { FLAG, FRAME_TYPE, FRAME_TYPE_NAMES } from "./frame-types.ts";
import { SETTING_BYTES } from "./settings.ts";

/** "zero": connection-level only; "stream": never on stream 0. */
const STREAM_RULE: Readonly<Record<number, "zero" | "stream" | "either">> = {
  [FRAME_TYPE.DATA]: "stream", // §6.1
  [FRAME_TYPE.HEADERS]: "stream", // §6.2
  [FRAME_TYPE.PRIORITY]: "stream", // §6.3
  [FRAME_TYPE.RST_STREAM]: "stream", // §6.4
  [FRAME_TYPE.SETTINGS]: "zero", // §6.5
  [FRAME_TYPE.PUSH_PROMISE]: "stream", // §6.6
  [FRAME_TYPE.PING]: "zero", // §6.7
  [FRAME_TYPE.GOAWAY]: "zero", // §6.8
  [FRAME_TYPE.WINDOW_UPDATE]: "either", // §6.9
  [FRAME_TYPE.CONTINUATION]: "stream", // §6.10
};

/**
 * A frame on the wrong kind of stream is a connection error of type
 * PROTOCOL_ERROR, for every type of §6. Unknown types may use any stream.
 *
 * @exercise
 * @hint nudge: look the type up in STREAM_RULE; an unknown type has no rule.
 * @hint concept: RFC 9113 §6: SETTINGS, PING and GOAWAY apply to the connection
 *   and "MUST" arrive on stream 0; DATA, HEADERS, PRIORITY, RST_STREAM,
 *   PUSH_PROMISE and CONTINUATION belong to a stream and "MUST NOT" arrive on
 *   0. Either way: connection error, PROTOCOL_ERROR.
 * @hint solution: const rule = STREAM_RULE[header.type]; if (rule === "zero" &&
 *   header.streamId !== 0) return connectionError("PROTOCOL_ERROR", `${name} on
 *   stream ${id}`); if (rule === "stream" && header.streamId === 0) return
 *   connectionError("PROTOCOL_ERROR", `${name} on stream 0`); return undefined.
 */
export function checkStreamId(header: FrameHeader): FrameError | undefined {
  const rule = STREAM_RULE[header.type];
  const name = FRAME_TYPE_NAMES.get(header.type);
  if (rule === "zero" && header.streamId !== 0) {
    return connectionError(
      "PROTOCOL_ERROR",
      `${name} on stream ${header.streamId}`,
    );
  }
  if (rule === "stream" && header.streamId === 0) {
    return connectionError("PROTOCOL_ERROR", `${name} on stream 0`);
  }
  return undefined;
}

/**
 * The length rules. Above SETTINGS_MAX_FRAME_SIZE is FRAME_SIZE_ERROR
 * (§4.2). §4.2 would let an oversized DATA frame be a stream error; we
 * close the connection instead (§5.4 allows it), because its bytes would
 * still count against the connection's flow-control window and a peer
 * that ignores our SETTINGS is not one to keep talking to.
 *
 * @exercise
 * @hint nudge: first the size limit, then the types whose payload has a fixed
 *   size.
 * @hint concept: RFC 9113 §6: PRIORITY is 5 bytes (a *stream* error otherwise),
 *   RST_STREAM and WINDOW_UPDATE 4, PING 8, GOAWAY at least 8, SETTINGS a
 *   multiple of 6 and empty with ACK; all FRAME_SIZE_ERROR, connection errors
 *   but PRIORITY's.
 * @hint solution: if (length > maxFrameSize) connection FRAME_SIZE_ERROR;
 *   switch (type) { PRIORITY: length !== 5 -> streamError(streamId,
 *   "FRAME_SIZE_ERROR"); RST_STREAM, WINDOW_UPDATE: !== 4; PING: !== 8; GOAWAY:
 *   < 8; SETTINGS: (flags & ACK) ? length !== 0 : length % 6 !== 0 ->
 *   connection FRAME_SIZE_ERROR }.
 */
export function checkLength(
  header: FrameHeader,
  maxFrameSize: number,
): FrameError | undefined {
  const { length, type, flags, streamId } = header;
  const name = FRAME_TYPE_NAMES.get(type) ?? `type 0x${type.toString(16)}`;
  const wrong = (): FrameError =>
    connectionError(
      "FRAME_SIZE_ERROR",
      `${name} with a ${length}-byte payload`,
    );
  if (length > maxFrameSize) {
    return connectionError(
      "FRAME_SIZE_ERROR",
      `${length} bytes > max frame size ${maxFrameSize}`,
    );
  }
  switch (type) {
    case FRAME_TYPE.PRIORITY:
      return length === 5
        ? undefined
        : streamError(
            streamId,
            "FRAME_SIZE_ERROR",
            `PRIORITY with ${length} bytes`,
          );
    case FRAME_TYPE.RST_STREAM:
    case FRAME_TYPE.WINDOW_UPDATE:
      return length === 4 ? undefined : wrong();
    case FRAME_TYPE.PING:
      return length === 8 ? undefined : wrong();
    case FRAME_TYPE.GOAWAY:
      return length >= 8 ? undefined : wrong();
    case FRAME_TYPE.SETTINGS:
      if (flags & FLAG.ACK) return length === 0 ? undefined : wrong();
      return length % SETTING_BYTES === 0 ? undefined : wrong();
    default:
      return undefined;
  }
}

/** Both header rules, stream first: the first broken one, if any. */
export function checkFrameHeader(
  header: FrameHeader,
  maxFrameSize: number,
): FrameError | undefined {
  return checkStreamId(header) ?? checkLength(header, maxFrameSize);
}
