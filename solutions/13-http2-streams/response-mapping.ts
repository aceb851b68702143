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
 * @hint nudge: lower-case each name; skip what only HTTP/1.1 means; refuse
 *   what HTTP/2 cannot carry.
 * @hint concept: RFC 9113 §8.2.2: connection-specific fields (Connection and
 *   those it lists, Keep-Alive, Proxy-Connection, Transfer-Encoding, Upgrade)
 *   MUST NOT be sent; §8.2.1: names are lower-case tokens, values hold no CR,
 *   LF, NUL or surrounding whitespace.
 * @hint solution: the names listedByConnection first. Per field, the name
 *   lower-cased: skip it when CONNECTION_SPECIFIC or that list holds it, or
 *   it is te; a name isH2FieldName refuses or a value isSafeFieldValue
 *   refuses makes the whole answer undefined; else add it, value trimmed.
 */
export function h2Fields(
  headers: HeaderList,
  into: [string, string][] = [],
): HeaderList | undefined {
  const listed = listedByConnection(headers);
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (CONNECTION_SPECIFIC.has(lower) || listed?.has(lower) || lower === "te")
      continue;
    if (!isH2FieldName(lower) || !isSafeFieldValue(value)) return undefined;
    into.push([lower, value.trim()]);
  }
  return into;
}

const encoder = new TextEncoder();

/**
 * Maps a handler's response for a request made with `method`; `date` is
 * the Date field value every response carries (RFC 9110 §6.6.1).
 *
 * @exercise
 * @hint nudge: refuse what HTTP/2 cannot say, then build the field list, then
 *   decide the body.
 * @hint concept: RFC 9113 §8.3.2: :status comes first; §8.6 and §8.2.2: HTTP/2
 *   has no 101 or Upgrade (501 instead); a final status is 200..999. RFC 9110
 *   §6.6.1: a Date field; §8.6: Content-Length for a body we hold; §6.4.1:
 *   HEAD, 1xx, 204 and 304 carry no content.
 * @hint solution: 101 or an upgrade: not ok, 501; no final status: 500.
 *   :status, then h2Fields into the same list (undefined: 500). Note any
 *   content-length; add date; encode a string body; a held body with no
 *   length (not 204/304) gets one. Then none, bytes or stream, with length.
 */
export function mapResponse(
  response: HttpResponse,
  method: string,
  date: string,
): MappedResponse {
  const { status } = response;
  if (status === 101 || response.upgrade !== undefined) {
    // §8.6: HTTP/2 removed 101; a protocol switch needs HTTP/1.1.
    return {
      ok: false,
      status: 501,
      reason: "protocol upgrades need HTTP/1.1",
    };
  }
  if (!Number.isInteger(status) || status < 200 || status > 999) {
    return {
      ok: false,
      status: 500,
      reason: `status ${status} cannot be a final response`,
    };
  }
  const fields: [string, string][] = [[":status", String(status)]];
  if (h2Fields(response.headers ?? [], fields) === undefined) {
    return {
      ok: false,
      status: 500,
      reason: "a response field cannot be sent",
    };
  }
  let length: number | undefined;
  for (const [name, value] of fields)
    if (name === "content-length") length = Number(value);
  if (!fields.some(([name]) => name === "date")) fields.push(["date", date]);
  const body = response.body;
  const held = typeof body === "string" ? encoder.encode(body) : body;
  if (
    held instanceof Uint8Array &&
    length === undefined &&
    status !== 204 &&
    status !== 304
  ) {
    length = held.byteLength;
    fields.push(["content-length", String(length)]);
  }
  if (body === undefined || isBodiless(method, status))
    return { ok: true, fields, body: NONE, length };
  if (held instanceof Uint8Array)
    return { ok: true, fields, body: { kind: "bytes", bytes: held }, length };
  return {
    ok: true,
    fields,
    body: { kind: "stream", body: body as AsyncIterable<Uint8Array> },
    length,
  };
}

/** An interim response (1xx other than 101), e.g. 100 Continue. */
export function informational(status: number): HeaderList {
  return [[":status", String(status)]];
}
