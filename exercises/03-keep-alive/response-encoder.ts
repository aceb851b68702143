// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * From HttpResponse to wire bytes: the decisions between a handler's
 * answer and the status line.
 *
 * - Which responses have no body: HEAD, 1xx, 204, 304 (RFC 9112 §6.3).
 * - How the body is delimited: Content-Length for a body we hold, the
 *   handler's Content-Length for a sized stream, otherwise the framer.
 * - Whether the connection closes after it, and what Connection says.
 *
 * Pure: no socket. A body we hold leaves as one Buffer with its head,
 * so a response is one write; a large one (over JOIN_BODY_MAX) leaves
 * beside its head, uncopied, and the writer gives the socket both pieces
 * in one writev.
 */
import { Buffer } from "node:buffer";
import { getHeader } from "#ch02/header-list.ts";
import type { HeaderList, HttpResponse } from "./message.ts";
import { responseCloses } from "./persistence.ts";
import type { ResponseFramer, StreamFraming } from "./response-framer.ts";
import { type LengthField, serializeHead } from "./response-head.ts";
import { NotImplemented } from "#course/not-implemented.ts";

export type EncodedResponse =
  /**
   * Head and body in one piece: a Buffer, or a latin1 string when every
   * character is one byte (the common case: an ASCII body). A string goes
   * to the socket as is, and Node encodes a tick's worth of them in one
   * native call, with no Buffer allocated per response.
   */
  | {
      readonly kind: "bytes";
      readonly bytes: Buffer | string;
      /** A held body over JOIN_BODY_MAX: written after `bytes`, not copied. */
      readonly body?: Uint8Array;
      readonly close: boolean;
    }
  /** A head, then a body streamed with back-pressure. */
  | {
      readonly kind: "stream";
      readonly head: Buffer;
      readonly body: AsyncIterable<Uint8Array>;
      /** Undefined: raw bytes, sized by Content-Length or by closing. */
      readonly framing: StreamFraming | undefined;
      /** The handler's Content-Length, which the stream must match. */
      readonly length: number | undefined;
      readonly close: boolean;
      readonly response: HttpResponse;
    }
  /** The handler's response cannot be sent; answer 500 instead. */
  | { readonly kind: "invalid"; readonly reason: string };

/** What the encoder needs to know about the request being answered. */
export interface RequestContext {
  readonly method: string;
  readonly version: string;
  /** The request side's persistence decision (RFC 9112 §9.3). */
  readonly keepAlive: boolean;
  /** The request asked to switch protocols and may be answered 101. */
  readonly upgradable?: boolean;
}

const EMPTY: HeaderList = [];

/**
 * Largest held body copied after its head into one piece. Joining saves a
 * write for the small bodies most responses have; past this size the copy
 * costs more than the write it saves (a 1 MiB file from chapter 06's
 * memory tier was copied on every request, and the copy was a third of
 * the server's time), so the body goes out as it is, beside its head.
 */
export const JOIN_BODY_MAX = 16 * 1024;

/** How the body goes out: held bytes, or a stream and its framing. */
type BodyPlan =
  | {
      readonly kind: "fixed";
      readonly length: LengthField;
      readonly bytes: Uint8Array | string | undefined;
    }
  | {
      readonly kind: "stream";
      readonly body: AsyncIterable<Uint8Array>;
      readonly sized: number | undefined;
      readonly framing: StreamFraming | undefined;
    }
  | { readonly kind: "invalid"; readonly reason: string };

/**
 * RFC 9112 §6.3 from the sender's side: which framing, which length.
 * Responses to HEAD, and 1xx, 204 and 304 responses, carry no content
 * (rule 1): a 204 says nothing about length, a 304 or a HEAD response may
 * repeat the length a GET would have had (RFC 9110 §8.6).
 *
 * @exercise
 */
function planBody(
  response: HttpResponse,
  ctx: RequestContext,
  framer: ResponseFramer,
): BodyPlan {
  throw new NotImplemented({
    chapter: "03",
    name: "planBody",
    file: "exercises/03-keep-alive/response-encoder.ts",
    hint: "some responses have no body whatever the handler says, and a HEAD answer describes a body it does not send.",
  });
}

/**
 * Encodes a handler's response for one request.
 *
 * @exercise
 */
export function encodeResponse(
  response: HttpResponse,
  ctx: RequestContext,
  date: string,
  framer: ResponseFramer,
): EncodedResponse {
  throw new NotImplemented({
    chapter: "03",
    name: "encodeResponse",
    file: "exercises/03-keep-alive/response-encoder.ts",
    hint: "encoding decides three things at once: the head, how the body is framed, and whether the connection closes after it.",
  });
}

/**
 * The handler's Content-Length: undefined if absent, null if malformed.
 *
 * @exercise
 */
function declaredLength(headers: HeaderList): number | undefined | null {
  throw new NotImplemented({
    chapter: "03",
    name: "declaredLength",
    file: "exercises/03-keep-alive/response-encoder.ts",
    hint: "a handler can set a Content-Length; it must be a number we can trust.",
  });
}

/**
 * Head and body as one piece. An ASCII string body (its UTF-8 length
 * equals its length) joins the latin1 head as a string; anything else is
 * copied into one Buffer after the head.
 *
 * @exercise
 */
function joinHeadAndBody(
  head: string,
  body: Uint8Array | string | undefined,
): Buffer | string {
  throw new NotImplemented({
    chapter: "03",
    name: "joinHeadAndBody",
    file: "exercises/03-keep-alive/response-encoder.ts",
    hint: "one write per response is faster than two: put the head and the body in one piece.",
  });
}
