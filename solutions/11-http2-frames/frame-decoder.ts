/**
 * The incremental frame decoder: bytes in, in any chunking; frames, or
 * the rule a frame broke, out, one at a time.
 *
 * Pipeline: push(chunk) -> ByteQueue -> next(): preface? -> header
 * (checkFrameHeader: stream and length rules) -> payload (decodeFrame)
 * -> the CONTINUATION rule -> a Frame. A pure codec: the connection
 * (chapter 13) pushes what the socket delivered and calls next() until
 * it answers "incomplete".
 *
 * States and transitions (the chapter draws them):
 *
 *     preface --24 bytes match (§3.4)---------> header
 *     header  --9 bytes, rules hold------------> payload
 *     header  --PRIORITY of a bad length-------> skip  (stream error)
 *     payload --length bytes, frame decoded----> header
 *     skip    --length bytes dropped-----------> header
 *     any     --connection error---------------> error (sticky)
 */
import { ByteQueue } from "./byte-queue.ts";
import { decodeFrame } from "./decode-frame.ts";
import { connectionError, type FrameError } from "./frame-error.ts";
import { type FrameHeader, readFrameHeader } from "./frame-header.ts";
import { checkFrameHeader } from "./frame-rules.ts";
import type { Frame } from "./frames.ts";
import {
  CONNECTION_PREFACE,
  FLAG,
  FRAME_HEADER_BYTES,
  FRAME_TYPE,
  MAX_MAX_FRAME_SIZE,
  MIN_MAX_FRAME_SIZE,
} from "./frame-types.ts";

export type DecodeResult =
  | { readonly kind: "incomplete" }
  | { readonly kind: "frame"; readonly frame: Frame }
  | { readonly kind: "error"; readonly error: FrameError };

/**
 * Where the decoder is: matching the preface, waiting for a 9-byte
 * header, for a payload, or dropping one a stream error refused; "error"
 * is final (a connection error, RFC 9113 §5.4.1).
 */
export type DecoderState = "preface" | "header" | "payload" | "skip" | "error";

export interface FrameDecoderOptions {
  /**
   * What the peer sends before its first frame (§3.4): "client" (we are
   * the server: the 24-byte preface, then SETTINGS), "server" (we are the
   * client: SETTINGS first), or "none" (frames only, for tests and tools).
   */
  readonly preface: "client" | "server" | "none";
  /**
   * Our SETTINGS_MAX_FRAME_SIZE: the largest payload we accept. Starts at
   * the protocol's initial 16,384; raise it with setMaxFrameSize once the
   * peer has acknowledged the SETTINGS that announced a larger value.
   */
  readonly maxFrameSize: number;
}

/** Bare frames and the initial frame size: for tests and tools. */
export const DEFAULT_DECODER_OPTIONS: FrameDecoderOptions = {
  preface: "none",
  maxFrameSize: MIN_MAX_FRAME_SIZE,
};

const INCOMPLETE: DecodeResult = { kind: "incomplete" };

/** What one step did: a result to return (or not) and the state after it. */
interface Step {
  readonly result: DecodeResult | undefined;
  readonly next: DecoderState;
}

export class FrameDecoder {
  readonly #queue = new ByteQueue();
  #state: DecoderState;
  #maxFrameSize: number;
  /** Preface bytes matched so far. */
  #prefaceMatched = 0;
  /** True until the peer's first frame, which must be SETTINGS (§3.4). */
  #awaitingSettings: boolean;
  /** The header whose payload is awaited (payload and skip states). */
  #header: FrameHeader | undefined;
  /** The stream whose field block is open: only CONTINUATION may follow. */
  #continuing: number | undefined;
  #error: FrameError | undefined;

  constructor(options: Partial<FrameDecoderOptions> = {}) {
    const { preface, maxFrameSize } = {
      ...DEFAULT_DECODER_OPTIONS,
      ...options,
    };
    this.#state = preface === "client" ? "preface" : "header";
    this.#awaitingSettings = preface !== "none";
    this.#maxFrameSize = checkedFrameSize(maxFrameSize);
  }

  get state(): DecoderState {
    return this.#state;
  }

  /** Bytes received and not yet decoded. */
  get buffered(): number {
    return this.#queue.length;
  }

  /** Bytes copied to join frames that straddled chunks (linearity probe). */
  get bytesCopied(): number {
    return this.#queue.copied;
  }

  /** Our SETTINGS_MAX_FRAME_SIZE changed and the peer acknowledged it. */
  setMaxFrameSize(size: number): void {
    this.#maxFrameSize = checkedFrameSize(size);
  }

  /** Hands over the next bytes; call next() until it says "incomplete". */
  push(chunk: Uint8Array): void {
    if (this.#state !== "error") this.#queue.push(chunk);
  }

  /**
   * The next frame or error, or "incomplete" when more bytes are needed.
   * A connection error is sticky: every later call returns it again.
   * This loop is the one place the state changes.
   *
   * @exercise
   * @hint nudge: loop: run one step for the current state; move to the state it
   *   names; return its result if it has one.
   * @hint concept: each state needs a number of bytes before it can act
   *   (preface: some, header: 9, payload and skip: the header's length); with
   *   fewer held, the answer is "incomplete". A connection error moves to
   *   "error" for good (RFC 9113 §5.4.1).
   * @hint solution: for (;;) { if (this.#state === "error") return the saved
   *   #error as an error result; const step = this.#step(); if that step moves
   *   to "error" with an error result, save its error in #error; this.#state =
   *   step.next; if (step.result !== undefined) return step.result; }
   */
  next(): DecodeResult {
    for (;;) {
      if (this.#state === "error") {
        return { kind: "error", error: this.#error as FrameError };
      }
      const step = this.#step();
      if (step.result?.kind === "error" && step.next === "error") {
        this.#error = step.result.error;
      }
      this.#state = step.next;
      if (step.result !== undefined) return step.result;
    }
  }

  /** One step in the current state; never changes #state itself. */
  #step(): Step {
    switch (this.#state) {
      case "preface":
        return this.readPreface();
      case "header":
        return this.readHeader();
      case "payload":
        return this.readPayload();
      case "skip":
        return this.#skipPayload();
      case "error":
        throw new Error("unreachable: next() answers in the error state");
    }
  }

  /**
   * Matches as much of the preface as has arrived: fail on the first wrong
   * byte.
   */
  private readPreface(): Step {
    const want = Math.min(
      this.#queue.length,
      CONNECTION_PREFACE.length - this.#prefaceMatched,
    );
    if (want === 0) return { result: INCOMPLETE, next: "preface" };
    const got = this.#queue.take(want);
    for (let i = 0; i < got.length; i++) {
      if (got[i] !== CONNECTION_PREFACE[this.#prefaceMatched + i]) {
        const error = connectionError(
          "PROTOCOL_ERROR",
          "invalid connection preface",
        );
        return { result: { kind: "error", error }, next: "error" };
      }
    }
    this.#prefaceMatched += want;
    const done = this.#prefaceMatched === CONNECTION_PREFACE.length;
    return { result: undefined, next: done ? "header" : "preface" };
  }

  /**
   * Nine bytes in: the header, checked before any of its payload is
   * buffered. A connection error ends decoding; a stream error (a PRIORITY
   * of the wrong size) skips the payload and goes on.
   *
   * @exercise
   * @hint nudge: wait for FRAME_HEADER_BYTES, read the header, then ask the two
   *   rule checks what is wrong with it.
   * @hint concept: RFC 9113 §4.2, §5.4: checking the header first means an
   *   oversized frame is refused after nine bytes, before a byte of it is held.
   *   The error's scope picks the next state: "error" for the connection,
   *   "skip" for a stream.
   * @hint solution: if (queue.length < FRAME_HEADER_BYTES) return { result:
   *   INCOMPLETE, next: "header" }; header = readFrameHeader(queue.take(9), 0);
   *   error = this.sequenceError(header) ?? checkFrameHeader(header,
   *   maxFrameSize); remember the header; no error: next "payload"; else {
   *   result: error result, next: scope === "connection" ? "error" : "skip" }.
   */
  private readHeader(): Step {
    if (this.#queue.length < FRAME_HEADER_BYTES)
      return { result: INCOMPLETE, next: "header" };
    const header = readFrameHeader(this.#queue.take(FRAME_HEADER_BYTES), 0);
    const error =
      this.sequenceError(header) ??
      checkFrameHeader(header, this.#maxFrameSize);
    this.#header = header;
    if (error === undefined) return { result: undefined, next: "payload" };
    const next = error.scope === "connection" ? "error" : "skip";
    return { result: { kind: "error", error }, next };
  }

  /**
   * The ordering rules a header alone decides. §3.4: the peer's preface
   * ends with a SETTINGS frame. §6.10: while a field block is open, "any
   * other type of frame or a frame on a different stream" is a connection
   * error of type PROTOCOL_ERROR (unknown types included).
   *
   * @exercise
   * @hint nudge: two facts to track: is this the peer's first frame, and is a
   *   field block open (on which stream)?
   * @hint concept: RFC 9113 §3.4: the preface is followed by a SETTINGS frame
   *   (not an ACK). §6.10: after HEADERS or PUSH_PROMISE without END_HEADERS,
   *   only CONTINUATION on the same stream may follow, and CONTINUATION
   *   anywhere else is a PROTOCOL_ERROR too.
   * @hint solution: if (#awaitingSettings) { clear it; if type !== SETTINGS or
   *   ACK set -> connectionError("PROTOCOL_ERROR") } const open = #continuing;
   *   if (open !== undefined && (type !== CONTINUATION || streamId !== open))
   *   -> PROTOCOL_ERROR; if (open === undefined && type === CONTINUATION) ->
   *   PROTOCOL_ERROR; return undefined.
   */
  private sequenceError(header: FrameHeader): FrameError | undefined {
    if (this.#awaitingSettings) {
      this.#awaitingSettings = false;
      if (header.type !== FRAME_TYPE.SETTINGS || header.flags & FLAG.ACK) {
        return connectionError(
          "PROTOCOL_ERROR",
          "the preface must end with SETTINGS",
        );
      }
    }
    const open = this.#continuing;
    const isContinuation = header.type === FRAME_TYPE.CONTINUATION;
    if (open !== undefined && (!isContinuation || header.streamId !== open)) {
      return connectionError(
        "PROTOCOL_ERROR",
        `field block on stream ${open} interrupted`,
      );
    }
    if (open === undefined && isContinuation) {
      return connectionError(
        "PROTOCOL_ERROR",
        "CONTINUATION without an open field block",
      );
    }
    return undefined;
  }

  /**
   * The payload, once all of it is held: decoded, and the field block it
   * opens or closes tracked for sequenceError.
   *
   * @exercise
   * @hint nudge: wait for header.length bytes, then hand header and payload to
   *   decodeFrame.
   * @hint concept: a stream error (RFC 9113 §5.4.2) leaves the connection
   *   usable, so decoding goes on with the next header; a connection error ends
   *   it.
   * @hint solution: if (queue.length < header.length) return { result:
   *   INCOMPLETE, next: "payload" }; const decoded = decodeFrame(header,
   *   queue.take(header.length)); if (!decoded.ok) return { result: error
   *   result, next: scope === "connection" ? "error" : "header" };
   *   this.#trackFieldBlock(decoded.value); return { result: { kind: "frame",
   *   frame }, next: "header" }.
   */
  private readPayload(): Step {
    const header = this.#header as FrameHeader;
    if (this.#queue.length < header.length)
      return { result: INCOMPLETE, next: "payload" };
    const decoded = decodeFrame(header, this.#queue.take(header.length));
    if (!decoded.ok) {
      const next = decoded.error.scope === "connection" ? "error" : "header";
      return { result: { kind: "error", error: decoded.error }, next };
    }
    this.#trackFieldBlock(decoded.value);
    return { result: { kind: "frame", frame: decoded.value }, next: "header" };
  }

  /** Opens or closes the field block that CONTINUATION frames extend. */
  #trackFieldBlock(frame: Frame): void {
    if (
      frame.type === "HEADERS" ||
      frame.type === "PUSH_PROMISE" ||
      frame.type === "CONTINUATION"
    ) {
      this.#continuing = frame.endHeaders ? undefined : frame.streamId;
    }
  }

  /** Drops the payload of a frame refused by a stream error. */
  #skipPayload(): Step {
    const header = this.#header as FrameHeader;
    const left = header.length - this.#queue.skip(header.length);
    this.#header = { ...header, length: left };
    return left === 0
      ? { result: undefined, next: "header" }
      : { result: INCOMPLETE, next: "skip" };
  }
}

/** Our own setting must be a legal one (§6.5.2); a bad value is our bug. */
function checkedFrameSize(size: number): number {
  if (
    !Number.isInteger(size) ||
    size < MIN_MAX_FRAME_SIZE ||
    size > MAX_MAX_FRAME_SIZE
  ) {
    throw new RangeError(
      `max frame size ${size} is outside 16,384..16,777,215`,
    );
  }
  return size;
}
