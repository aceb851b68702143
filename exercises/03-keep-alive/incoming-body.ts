/**
 * A request body on its way in: bytes from the socket, through chapter
 * 04's decoder, into the BodyStream the handler reads.
 *
 * The decoder knows where the body ends; everything after that point is
 * the next pipelined request, which is why the connection cannot skip a
 * body it has no decoder for.
 */
import type { BodyDecoder, ConnectionError } from "./body-decoder.ts";
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
  /** Whether the connection persists after this request. */
  readonly keepAlive: boolean;

  constructor(decoder: BodyDecoder, stream: BodyStream, slot: Slot, keepAlive: boolean) {
    this.#decoder = decoder;
    this.stream = stream;
    this.slot = slot;
    this.keepAlive = keepAlive;
  }

  /** Decodes what it can of `input` and passes the data on. */
  feed(input: Uint8Array): FeedResult {
    const step = this.#decoder.decode(input);
    if (step.kind === "error") {
      this.stream.fail(new Error(step.error.reason));
      return step;
    }
    if (step.data !== undefined && step.data.byteLength > 0) this.stream.push(step.data);
    if (step.done) {
      this.stream.end();
      return { kind: "done", consumed: step.consumed };
    }
    // A decoder that neither ends nor consumes would spin the read loop.
    if (step.consumed === 0) return { kind: "error", error: STALLED };
    return { kind: "more", consumed: step.consumed };
  }
}
