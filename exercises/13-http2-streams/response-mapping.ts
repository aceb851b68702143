// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * The response mapping: a handler's HttpResponse to what HTTP/2 sends, a
 * HEADERS field list (with `:status` first, RFC 9113 §8.3.2) and a body
 * plan (none, bytes held, or a stream to pull).
 *
 * Handlers and middleware are written once for both protocols, so a
 * response may carry fields only HTTP/1.1 understands (a middleware that
 * sets `Connection: close`, a handler that names `Transfer-Encoding`).
 * HTTP/2 forbids them (§8.2.2), and they mean nothing here: the framing
 * is DATA frames, persistence is the connection's. They are dropped, with
 * every field the Connection field names, rather than failing a response
 * that is otherwise good. Names go lower-case (§8.2.1: upper case is
 * malformed in HTTP/2, and `Content-Type` is what handlers write).
 */
import { isSafeFieldValue } from "#ch03/response-head.ts";
import type { HeaderList, HttpResponse } from "#ch03/message.ts";
import { CONNECTION_SPECIFIC, isH2FieldName } from "./request-fields.ts";
import { NotImplemented } from "#course/not-implemented.ts";

export type BodyPlan =
  | { readonly kind: "none" }
  | { readonly kind: "bytes"; readonly bytes: Uint8Array }
  | { readonly kind: "stream"; readonly body: AsyncIterable<Uint8Array> };

export type MappedResponse =
  | {
      readonly ok: true;
      /** `:status` then the regular fields, ready for HPACK. */
      readonly fields: HeaderList;
      readonly body: BodyPlan;
      /** Content-Length as sent, which a streamed body must match. */
      readonly length: number | undefined;
    }
  | { readonly ok: false; readonly status: number; readonly reason: string };

const NONE: BodyPlan = { kind: "none" };

/** Statuses whose responses never have content (RFC 9110 §6.4.1). */
export function isBodiless(method: string, status: number): boolean {
  return method === "HEAD" || status < 200 || status === 204 || status === 304;
}

/** The field names a Connection value lists (RFC 9110 §7.6.1). */
function listedByConnection(headers: HeaderList): Set<string> | undefined {
  let listed: Set<string> | undefined;
  for (const [name, value] of headers) {
    if (name.toLowerCase() !== "connection") continue;
    listed ??= new Set();
    for (const token of value.split(","))
      listed.add(token.trim().toLowerCase());
  }
  return listed;
}

/**
 * The fields to send for a response or for its trailers: names
 * lower-cased, HTTP/1.1 connection fields dropped; undefined when a field
 * cannot be sent at all (a bad name, CR or LF in a value).
 *
 * @exercise
 */
export function h2Fields(
  headers: HeaderList,
  into: [string, string][] = [],
): HeaderList | undefined {
  throw new NotImplemented({
    chapter: "13",
    name: "h2Fields",
    file: "exercises/13-http2-streams/response-mapping.ts",
    hint: "lower-case each name; skip what only HTTP/1.1 means; refuse what HTTP/2 cannot carry.",
  });
}

const encoder = new TextEncoder();

/**
 * Maps a handler's response for a request made with `method`; `date` is
 * the Date field value every response carries (RFC 9110 §6.6.1).
 *
 * @exercise
 */
export function mapResponse(
  response: HttpResponse,
  method: string,
  date: string,
): MappedResponse {
  throw new NotImplemented({
    chapter: "13",
    name: "mapResponse",
    file: "exercises/13-http2-streams/response-mapping.ts",
    hint: "refuse what HTTP/2 cannot say, then build the field list, then decide the body.",
  });
}

/** An interim response (1xx other than 101), e.g. 100 Continue. */
export function informational(status: number): HeaderList {
  return [[":status", String(status)]];
}
