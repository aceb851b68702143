/**
 * Response helpers: the few shapes a handler returns most.
 *
 * Each returns a plain HttpResponse, so a handler can always build one by
 * hand instead. They set Content-Type and leave framing (Content-Length or
 * chunked, HEAD without a body) to the connection that sends it.
 */
import { getHeader } from "#ch02/header-list.ts";
import type { HeaderList, HttpResponse } from "#ch03/message.ts";

export interface ResponseInit {
  readonly status?: number;
  readonly headers?: HeaderList;
}

const TEXT = "text/plain; charset=utf-8";
const JSON_TYPE = "application/json";
const OCTETS = "application/octet-stream";

/** `init.headers` plus a Content-Type, unless the caller chose one. */
function withType(init: ResponseInit, type: string): HeaderList {
  const headers = init.headers ?? [];
  if (getHeader(headers, "content-type") !== undefined) return headers;
  return [["content-type", type], ...headers];
}

export function text(body: string, init: ResponseInit = {}): HttpResponse {
  return { status: init.status ?? 200, headers: withType(init, TEXT), body };
}

/** `value` as JSON (RFC 8259); `undefined` is sent as `null`. */
export function json(value: unknown, init: ResponseInit = {}): HttpResponse {
  const body = JSON.stringify(value) ?? "null";
  return {
    status: init.status ?? 200,
    headers: withType(init, JSON_TYPE),
    body,
  };
}

export function bytes(body: Uint8Array, init: ResponseInit = {}): HttpResponse {
  return { status: init.status ?? 200, headers: withType(init, OCTETS), body };
}

/** A body produced over time; sent chunked when its length is unknown. */
export function stream(
  body: AsyncIterable<Uint8Array>,
  init: ResponseInit = {},
): HttpResponse {
  return { status: init.status ?? 200, headers: withType(init, OCTETS), body };
}

export type RedirectStatus = 301 | 302 | 303 | 307 | 308;

/**
 * A redirect (RFC 9110 §15.4). 303 turns the next request into a GET;
 * 307 and 308 keep the method and body; 301 and 302 are for links.
 * Refuses a Location with control characters: that is header injection.
 */
export function redirect(
  location: string,
  status: RedirectStatus = 302,
): HttpResponse {
  if (/[\x00-\x20\x7f]/.test(location)) {
    throw new TypeError(
      `redirect location has whitespace or a control: ${location}`,
    );
  }
  return { status, headers: [["location", location]] };
}

/** No content: 204 by default (RFC 9110 §15.3.5). */
export function empty(status = 204, headers: HeaderList = []): HttpResponse {
  return { status, headers };
}
