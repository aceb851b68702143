// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
   */
  next(): DecodeResult {
    throw new NotImplemented({
      chapter: "11",
      name: "FrameDecoder.next",
      file: "exercises/11-http2-frames/frame-decoder.ts",
      hint: "loop: run one step for the current state; move to the state it names; return its result if it has one.",
    });
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
   */
  private readHeader(): Step {
    throw new NotImplemented({
      chapter: "11",
      name: "FrameDecoder.readHeader",
      file: "exercises/11-http2-frames/frame-decoder.ts",
      hint: "wait for FRAME_HEADER_BYTES, read the header, then ask the two rule checks what is wrong with it.",
    });
  }

  /**
   * The ordering rules a header alone decides. §3.4: the peer's preface
   * ends with a SETTINGS frame. §6.10: while a field block is open, "any
   * other type of frame or a frame on a different stream" is a connection
   * error of type PROTOCOL_ERROR (unknown types included).
   *
   * @exercise
   */
  private sequenceError(header: FrameHeader): FrameError | undefined {
    throw new NotImplemented({
      chapter: "11",
      name: "FrameDecoder.sequenceError",
      file: "exercises/11-http2-frames/frame-decoder.ts",
      hint: "two facts to track: is this the peer's first frame, and is a field block open (on which stream)?",
    });
  }

  /**
   * The payload, once all of it is held: decoded, and the field block it
   * opens or closes tracked for sequenceError.
   *
   * @exercise
   */
  private readPayload(): Step {
    throw new NotImplemented({
      chapter: "11",
      name: "FrameDecoder.readPayload",
      file: "exercises/11-http2-frames/frame-decoder.ts",
      hint: "wait for header.length bytes, then hand header and payload to decodeFrame.",
    });
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
