/**
 * The seam for request bodies.
 *
 * The head says how the body is framed (RFC 9112 §6.3): no body, a
 * Content-Length, or chunked. Only a decoder for that framing knows where
 * the body ends and so where the next pipelined request begins. Chapter 03
 * has none, so it answers any request with a body and closes the
 * connection: without a decoder it cannot find the next request's start.
 * Chapter 04 passes its decoders here through ConnectionOptions.
 */
import { type BodyFraming, bodyFraming } from "#ch02/body-framing.ts";
import type { RequestHead } from "#ch02/request-head-parser.ts";
import type { HeaderList } from "./message.ts";

/** A refusal to send: status and a one-line reason (ParseError fits). */
export interface ConnectionError {
  readonly code: string;
  readonly status: number;
  readonly reason: string;
}

/** The framings that carry content; "none" never reaches a decoder. */
export type BodyFramingWithContent =
  | { readonly kind: "length"; readonly length: number }
  | { readonly kind: "chunked" };

/** One step of decoding: how much input was used and what it produced. */
export type DecodeStep =
  | {
      readonly kind: "data";
      /** Bytes of the input used; the rest belongs to the next request. */
      readonly consumed: number;
      /** Decoded body bytes, if this input produced any. */
      readonly data: Uint8Array | undefined;
      /** True when the body ended within this input. */
      readonly done: boolean;
      /** Trailer fields (chunked only), once done. */
      readonly trailers?: HeaderList;
    }
  | { readonly kind: "error"; readonly error: ConnectionError };

/** An incremental decoder for one request's body. Pure: no socket. */
export interface BodyDecoder {
  decode(input: Uint8Array): DecodeStep;
  /**
   * An interim response the client awaits before it sends the body
   * (chapter 04 sets `100 Continue` for `Expect: 100-continue`, RFC 9110
   * §10.1.1). Sent when the handler first reads the body, unless an
   * earlier response is still owed (a 1xx must not overtake it).
   */
  readonly interim?: Uint8Array;
}

/** A body whose handler answered before it ended. */
export interface UnreadBody {
  /** Content bytes not yet received; undefined when unknown (chunked). */
  readonly remaining: number | undefined;
  /** The client still waits for the interim response: it may never send. */
  readonly awaitingInterim: boolean;
}

/**
 * Read and discard the rest to keep the connection ("drain"), or answer
 * with Connection: close ("close"). Chapter 04 bounds the drain.
 */
export type UnreadBodyPolicy = (body: UnreadBody) => "drain" | "close";

/** Chapter 03's policy: always drain (refuseBodies lets no body in). */
export const drainUnread: UnreadBodyPolicy = () => "drain";

/**
 * Makes the decoder for a request's body, or refuses the request. The
 * connection calls it once per request that has content.
 */
export type BodyDecoderFactory = (
  head: RequestHead,
  framing: BodyFramingWithContent,
) => BodyDecoder | ConnectionError;

/**
 * Chapter 03's factory: refuses every body. 413 for a Content-Length the
 * server will not take (RFC 9110 §15.5.14), 501 for a transfer coding it
 * does not implement (RFC 9112 §6.1).
 */
export const refuseBodies: BodyDecoderFactory = (_head, framing) =>
  framing.kind === "chunked"
    ? { code: "BODY_NOT_IMPLEMENTED", status: 501, reason: BODIES_LATER }
    : { code: "BODY_NOT_IMPLEMENTED", status: 413, reason: BODIES_LATER };

const BODIES_LATER = "request bodies are added in chapter 04";

const NO_BODY: BodyFraming = Object.freeze({ kind: "none" });

/**
 * Chapter 02's bodyFraming, behind a fast path: a head with neither
 * Content-Length nor Transfer-Encoding has no body (RFC 9112 §6.3 rule 7),
 * and most requests are such heads, so one scan without allocating
 * answers them.
 *
 * @exercise
 * @hint nudge: most requests have no body, and they can be recognized without
 *   chapter 02's full rules.
 * @hint concept: RFC 9112 §6.3 rule 7: a request with neither Content-Length
 *   nor Transfer-Encoding has no content. Scan the field names once; only when
 *   one of the two is present hand the head to bodyFraming.
 * @hint solution: loop over head.headers by index, compare the name with the
 *   two field names, return bodyFraming(head) on a hit; NO_BODY after the loop.
 */
export function framingOf(head: RequestHead): BodyFraming {
  const headers = head.headers;
  for (let i = 0; i < headers.length; i++) {
    const name = (headers[i] as readonly [string, string])[0];
    if (name === "content-length" || name === "transfer-encoding")
      return bodyFraming(head);
  }
  return NO_BODY;
}
