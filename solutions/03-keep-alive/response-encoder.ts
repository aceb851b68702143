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
 * @hint nudge: some responses have no body whatever the handler says, and a
 *   HEAD answer describes a body it does not send.
 * @hint concept: RFC 9110 §6.4.1: 204 and 304 have no content (204 no
 *   Content-Length; 304 the handler's); HEAD sends a GET's fields, no body
 *   (§9.3.2). A held body has a known length; a stream uses a valid
 *   Content-Length, else the framer, else it is close-delimited.
 * @hint solution: return early for 204, 304 and no body (for HEAD, with the
 *   handler's length). A string or bytes has its byte length, and HEAD drops
 *   the bytes. A stream: HEAD keeps the handler's length; else declaredLength
 *   (invalid when null), the framer only without one.
 */
function planBody(
  response: HttpResponse,
  ctx: RequestContext,
  framer: ResponseFramer,
): BodyPlan {
  const { status, body } = response;
  if (status === 204)
    return { kind: "fixed", length: "none", bytes: undefined };
  if (status === 304)
    return { kind: "fixed", length: "handler", bytes: undefined };
  const head = ctx.method === "HEAD";
  if (body === undefined)
    return { kind: "fixed", length: head ? "handler" : 0, bytes: undefined };
  if (typeof body === "string" || body instanceof Uint8Array) {
    const length =
      typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
    return { kind: "fixed", length, bytes: head ? undefined : body };
  }
  if (head) return { kind: "fixed", length: "handler", bytes: undefined };
  const sized = declaredLength(response.headers ?? EMPTY);
  if (sized === null)
    return { kind: "invalid", reason: "bad Content-Length from handler" };
  const framing = sized === undefined ? framer(ctx, response) : undefined;
  return { kind: "stream", body, sized, framing };
}

/**
 * Encodes a handler's response for one request.
 *
 * @exercise
 * @hint nudge: encoding decides three things at once: the head, how the body is
 *   framed, and whether the connection closes after it.
 * @hint concept: only 200-599 (1xx are interim, chapter 04). Close when the
 *   request did not keep alive, the body is close-delimited (RFC 9112 §6.3 rule
 *   8) or the handler said close. Serialize the head with length and
 *   Connection; a fixed body joins it, a stream stays apart.
 * @hint solution: check the status; plan the body (invalid passes through);
 *   decide close; serializeHead, an error becoming invalid. A fixed body: head
 *   and bytes as one buffer, or apart past JOIN_BODY_MAX. A stream: the head as
 *   latin1 with the plan's body, framing and length.
 */
export function encodeResponse(
  response: HttpResponse,
  ctx: RequestContext,
  date: string,
  framer: ResponseFramer,
): EncodedResponse {
  const { status } = response;
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    return { kind: "invalid", reason: `handler returned status ${status}` };
  }
  const plan = planBody(response, ctx, framer);
  if (plan.kind === "invalid") return plan;
  const headers = response.headers ?? EMPTY;
  const closeDelimited =
    plan.kind === "stream" && plan.sized === undefined && !plan.framing;
  const close = !ctx.keepAlive || closeDelimited || responseCloses(headers);
  const result = serializeHead({
    status,
    reason: response.reason,
    headers,
    length:
      plan.kind === "fixed"
        ? plan.length
        : plan.sized === undefined
          ? "none"
          : "handler",
    connection: close
      ? "close"
      : ctx.version === "HTTP/1.0"
        ? "keep-alive"
        : undefined,
    date,
    framing: plan.kind === "stream" ? (plan.framing?.headers ?? EMPTY) : EMPTY,
  });
  if (result.kind === "error")
    return { kind: "invalid", reason: result.reason };
  if (plan.kind === "fixed") {
    const { bytes } = plan;
    if (bytes instanceof Uint8Array && bytes.byteLength > JOIN_BODY_MAX) {
      return { kind: "bytes", bytes: result.head, body: bytes, close };
    }
    return { kind: "bytes", bytes: joinHeadAndBody(result.head, bytes), close };
  }
  const head = Buffer.from(result.head, "latin1");
  const { body, framing, sized: length } = plan;
  return { kind: "stream", head, body, framing, length, close, response };
}

/**
 * The handler's Content-Length: undefined if absent, null if malformed.
 *
 * @exercise
 * @hint nudge: a handler can set a Content-Length; it must be a number we can
 *   trust.
 * @hint concept: RFC 9110 §8.6: Content-Length = 1*DIGIT; absent is undefined,
 *   malformed is null (the response cannot be sent), else the number (at most
 *   15 digits, to stay exact).
 * @hint solution: getHeader content-length; undefined when absent; a
 *   digits-only regular expression with a length bound; Number of it.
 */
function declaredLength(headers: HeaderList): number | undefined | null {
  const value = getHeader(headers, "content-length");
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}

/**
 * Head and body as one piece. An ASCII string body (its UTF-8 length
 * equals its length) joins the latin1 head as a string; anything else is
 * copied into one Buffer after the head.
 *
 * @exercise
 * @hint nudge: one write per response is faster than two: put the head and the
 *   body in one piece.
 * @hint concept: no body is the head alone; an ASCII string body (its UTF-8
 *   length equals its length) joins the latin1 head as a string; anything else
 *   is copied after the head into one Buffer (UTF-8 for strings).
 * @hint solution: branch on undefined, string and bytes; Buffer.byteLength for
 *   the string test; allocUnsafe of the total, write the head as latin1 at 0
 *   and the body after it.
 */
function joinHeadAndBody(
  head: string,
  body: Uint8Array | string | undefined,
): Buffer | string {
  if (body === undefined) return head;
  const headLength = head.length;
  if (typeof body === "string") {
    const bodyLength = Buffer.byteLength(body);
    if (bodyLength === body.length) return head + body;
    const out = Buffer.allocUnsafe(headLength + bodyLength);
    out.write(head, 0, "latin1");
    out.write(body, headLength, "utf8");
    return out;
  }
  const out = Buffer.allocUnsafe(headLength + body.byteLength);
  out.write(head, 0, "latin1");
  out.set(body, headLength);
  return out;
}
