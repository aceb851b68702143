// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
   */
  drains(policy: UnreadBodyPolicy, response: unknown): boolean {
    throw new NotImplemented({
      chapter: "03",
      name: "IncomingBody.drains",
      file: "exercises/03-keep-alive/incoming-body.ts",
      hint: "a handler may answer without reading its body; then either we read the rest and throw it away, or we close.",
    });
  }

  /**
   * Decodes what it can of `input` and passes the data on. `borrowed`
   * input is reused once this returns (own-buffer-reads.ts), so the data
   * the handler will read later is copied; nothing else is.
   *
   * @exercise
   */
  feed(input: Uint8Array, borrowed = false): FeedResult {
    throw new NotImplemented({
      chapter: "03",
      name: "IncomingBody.feed",
      file: "exercises/03-keep-alive/incoming-body.ts",
      hint: "the decoder turns wire bytes into body bytes; the stream hands them to the handler.",
    });
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
