/**
 * The decoded frames: one interface per type of RFC 9113 §6, and the
 * union the decoder returns and the encoder takes.
 *
 * Only what a frame means is kept: flags become booleans, the reserved
 * bits are gone, padding is reduced to its length. Flags a type does not
 * define are dropped on receipt and never sent (§4.1), so encoding a
 * decoded frame gives back the bytes a careful sender would have written.
 * Every frame has a `streamId`; the connection-level types carry 0.
 */
import type { Setting } from "./settings.ts";

/** DATA (§6.1): a piece of a request or response body. */
export interface DataFrame {
  readonly type: "DATA";
  readonly streamId: number;
  readonly endStream: boolean;
  readonly data: Uint8Array;
  /** Present when PADDED was set: the padding bytes that followed. */
  readonly padLength?: number;
}

/**
 * What a DATA frame counts against flow control: its whole payload,
 * padding and the Pad Length byte included (RFC 9113 §6.1).
 */
export function flowControlledLength(frame: DataFrame): number {
  const padding = frame.padLength === undefined ? 0 : frame.padLength + 1;
  return frame.data.length + padding;
}

/** The RFC 7540 priority fields; parsed, then ignored (RFC 9113 §5.3.2). */
export interface Priority {
  readonly exclusive: boolean;
  readonly dependsOn: number;
  /** 1 to 256: the wire carries weight - 1. */
  readonly weight: number;
}

/** HEADERS (§6.2): opens a stream, carries a field-block fragment. */
export interface HeadersFrame {
  readonly type: "HEADERS";
  readonly streamId: number;
  readonly endStream: boolean;
  readonly endHeaders: boolean;
  readonly fragment: Uint8Array;
  readonly priority?: Priority;
  readonly padLength?: number;
}

/** PRIORITY (§6.3): deprecated, still parsed for its errors. */
export interface PriorityFrame {
  readonly type: "PRIORITY";
  readonly streamId: number;
  readonly priority: Priority;
}

/** RST_STREAM (§6.4): ends one stream at once. */
export interface RstStreamFrame {
  readonly type: "RST_STREAM";
  readonly streamId: number;
  readonly errorCode: number;
}

/** SETTINGS (§6.5): the sender's parameters, or an ACK of ours. */
export interface SettingsFrame {
  readonly type: "SETTINGS";
  readonly streamId: 0;
  readonly ack: boolean;
  /** In order: a later value for the same id wins (§6.5.3). */
  readonly settings: readonly Setting[];
}

/** PUSH_PROMISE (§6.6): a server announces a stream it will push. */
export interface PushPromiseFrame {
  readonly type: "PUSH_PROMISE";
  readonly streamId: number;
  readonly endHeaders: boolean;
  readonly promisedStreamId: number;
  readonly fragment: Uint8Array;
  readonly padLength?: number;
}

/** PING (§6.7): eight opaque bytes, echoed back with ACK. */
export interface PingFrame {
  readonly type: "PING";
  readonly streamId: 0;
  readonly ack: boolean;
  readonly opaque: Uint8Array;
}

/** GOAWAY (§6.8): the last stream the sender will process, and why. */
export interface GoawayFrame {
  readonly type: "GOAWAY";
  readonly streamId: 0;
  readonly lastStreamId: number;
  readonly errorCode: number;
  readonly debug: Uint8Array;
}

/** WINDOW_UPDATE (§6.9): more room to send, on a stream or on 0. */
export interface WindowUpdateFrame {
  readonly type: "WINDOW_UPDATE";
  readonly streamId: number;
  readonly increment: number;
}

/** CONTINUATION (§6.10): the next fragment of a field block. */
export interface ContinuationFrame {
  readonly type: "CONTINUATION";
  readonly streamId: number;
  readonly endHeaders: boolean;
  readonly fragment: Uint8Array;
}

/**
 * A type this codec does not know. §4.1: "Implementations MUST ignore and
 * discard frames of unknown types." The decoder still returns it, so the
 * connection decides (and a CONTINUATION sequence can be checked).
 */
export interface UnknownFrame {
  readonly type: "UNKNOWN";
  readonly frameType: number;
  readonly flags: number;
  readonly streamId: number;
  readonly payload: Uint8Array;
}

export type Frame =
  | DataFrame
  | HeadersFrame
  | PriorityFrame
  | RstStreamFrame
  | SettingsFrame
  | PushPromiseFrame
  | PingFrame
  | GoawayFrame
  | WindowUpdateFrame
  | ContinuationFrame
  | UnknownFrame;
