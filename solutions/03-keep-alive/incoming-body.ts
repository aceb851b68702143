/**
 * A request body on its way in: bytes from the socket, through chapter
 * 04's decoder, into the BodyStream the handler reads.
 *
 * The decoder knows where the body ends; everything after that point is
 * the next pipelined request, which is why the connection cannot skip a
 * body it has no decoder for.
 */
import { Buffer } from "node:buffer";
import type {
  BodyDecoder,
  ConnectionError,
  UnreadBodyPolicy,
} from "./body-decoder.ts";
import type { BodyStream } from "./request-body.ts";

export type FeedResult =
  | { readonly kind: "more" | "done"; readonly consumed: number }
  | { readonly kind: "error"; readonly error: ConnectionError };

const STALLED: ConnectionError = {
  code: "BODY_DECODER_STALLED",
  status: 500,
  reason: "internal server error",
};

export class IncomingBody<Slot> {
  readonly #decoder: BodyDecoder;
  readonly stream: BodyStream;
  /** The queue slot of the request this body belongs to. */
  readonly slot: Slot;
  #keepAlive: boolean;
  #received = 0;
  /** The interim response still owed (see BodyDecoder.interim). */
  #interim: Uint8Array | undefined;

  /** @param sendInterim writes an interim response if it may; true if sent. */
  constructor(
    decoder: BodyDecoder,
    stream: BodyStream,
    slot: Slot,
    keepAlive: boolean,
    sendInterim: (bytes: Uint8Array) => boolean,
  ) {
    this.#decoder = decoder;
    this.stream = stream;
    this.slot = slot;
    this.#keepAlive = keepAlive;
    this.#interim = decoder.interim;
    if (this.#interim === undefined) return;
    stream.onFirstRead = () => {
      if (this.#interim !== undefined && sendInterim(this.#interim))
        this.#interim = undefined;
    };
  }

  /** Whether the connection persists after this request. */
  get keepAlive(): boolean {
    return this.#keepAlive;
  }

  /**
   * The handler answered before the body ended: asks the policy whether
   * to drain the rest. False, and no keep-alive, when it says close. A
   * streamed response may still read the body, so it is not asked; what
   * is left unread is drained, bounded by the decoder's body limit.
   *
   * @exercise
   * @hint nudge: a handler may answer without reading its body; then either we
   *   read the rest and throw it away, or we close.
   * @hint concept: a streamed response keeps reading anyway. Otherwise ask the
   *   policy with the bytes remaining (unknown for chunked) and whether the
   *   client waits for a 100 Continue; drain keeps the connection, close marks
   *   it not kept.
   * @hint solution: isStreamed(response) returns true; compute remaining from
   *   stream.length and #received; call the policy; on drain true; else clear
   *   #keepAlive and return false.
   */
  drains(policy: UnreadBodyPolicy, response: unknown): boolean {
    if (isStreamed(response)) return true;
    const length = this.stream.length;
    const remaining =
      length === undefined ? undefined : length - this.#received;
    if (
      policy({ remaining, awaitingInterim: this.#interim !== undefined }) ===
      "drain"
    ) {
      return true;
    }
    this.#keepAlive = false;
    return false;
  }

  /**
   * Decodes what it can of `input` and passes the data on. `borrowed`
   * input is reused once this returns (own-buffer-reads.ts), so the data
   * the handler will read later is copied; nothing else is.
   *
   * @exercise
   * @hint nudge: the decoder turns wire bytes into body bytes; the stream hands
   *   them to the handler.
   * @hint concept: decode: an error fails the stream and is returned. Push any
   *   data to the stream (a copy when the read buffer is borrowed) and count
   *   it. Done ends the stream with the trailers. A step that neither ends nor
   *   consumes anything would spin the loop: that is an error too.
   * @hint solution: step = this.#decoder.decode(input); the error branch; push
   *   Buffer.from(data) or data; the done branch returning consumed; consumed 0
   *   returns STALLED; else more with consumed.
   */
  feed(input: Uint8Array, borrowed = false): FeedResult {
    const step = this.#decoder.decode(input);
    if (step.kind === "error") {
      this.stream.fail(new Error(step.error.reason));
      return step;
    }
    if (step.data !== undefined && step.data.byteLength > 0) {
      this.#received += step.data.byteLength;
      this.stream.push(borrowed ? Buffer.from(step.data) : step.data);
    }
    if (step.done) {
      this.stream.end(step.trailers);
      return { kind: "done", consumed: step.consumed };
    }
    // A decoder that neither ends nor consumes would spin the read loop.
    if (step.consumed === 0) return { kind: "error", error: STALLED };
    return { kind: "more", consumed: step.consumed };
  }
}

/** True when a handler's response has an async iterable body. */
function isStreamed(response: unknown): boolean {
  if (
    typeof response !== "object" ||
    response === null ||
    !("body" in response)
  )
    return false;
  const body = response.body;
  return (
    typeof body === "object" && body !== null && Symbol.asyncIterator in body
  );
}
