// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function checkStreamId(header: FrameHeader): FrameError | undefined {
  throw new NotImplemented({
    chapter: "11",
    name: "checkStreamId",
    file: "exercises/11-http2-frames/frame-rules.ts",
    hint: "look the type up in STREAM_RULE; an unknown type has no rule.",
  });
}

/**
 * The length rules. Above SETTINGS_MAX_FRAME_SIZE is FRAME_SIZE_ERROR
 * (§4.2). §4.2 would let an oversized DATA frame be a stream error; we
 * close the connection instead (§5.4 allows it), because its bytes would
 * still count against the connection's flow-control window and a peer
 * that ignores our SETTINGS is not one to keep talking to.
 *
 * @exercise
 */
export function checkLength(
  header: FrameHeader,
  maxFrameSize: number,
): FrameError | undefined {
  throw new NotImplemented({
    chapter: "11",
    name: "checkLength",
    file: "exercises/11-http2-frames/frame-rules.ts",
    hint: "first the size limit, then the types whose payload has a fixed size.",
  });
}

/** Both header rules, stream first: the first broken one, if any. */
export function checkFrameHeader(
  header: FrameHeader,
  maxFrameSize: number,
): FrameError | undefined {
  return checkStreamId(header) ?? checkLength(header, maxFrameSize);
}
