/**
 * The message model every transport shares.
 *
 * HTTP/1.1 (this chapter), HTTP/2 (chapter 13) and every handler in between
 * speak these types, as Go's net/http and hyper do: a handler receives an
 * HttpRequest and returns an HttpResponse, and never sees a socket. The
 * connection that produced the request decides how the response becomes
 * bytes (status line and chunked framing, or HEADERS and DATA frames).
 */

/**
 * Header fields in order, names lowercased (RFC 9110 §5.1: field names are
 * case-insensitive), values as received with surrounding whitespace removed.
 * A list and not a map: order and repeated fields (Set-Cookie) matter.
 */
export type HeaderList = readonly (readonly [name: string, value: string])[];

/** The request body as a stream of byte chunks. */
export interface RequestBody extends AsyncIterable<Uint8Array> {
  /**
   * Length declared by Content-Length; 0 when the request has no body;
   * undefined when the length is not known in advance (chunked, HTTP/2).
   */
  readonly length: number | undefined;
  /**
   * Trailer fields sent after the content (RFC 9110 §6.5), as chapter 04
   * filters them: empty until the body has been read to its end, and for
   * every body that had none. Like Go's Request.Trailer and Node's
   * req.trailers, they exist only once the last chunk has been taken.
   */
  readonly trailers: HeaderList;
}

import type { ConnectionInfo } from "#ch01/connection.ts";

/** Where a request came from: chapter 01's ConnectionInfo. */
export type { ConnectionInfo };

export interface HttpRequest {
  /** Method token, case-sensitive (RFC 9110 §9.1): "GET", not "get". */
  readonly method: string;
  /** The request-target exactly as sent (RFC 9112 §3.2). */
  readonly target: string;
  /** "HTTP/1.0", "HTTP/1.1" or "HTTP/2". */
  readonly version: string;
  readonly headers: HeaderList;
  readonly body: RequestBody;
  readonly connection: ConnectionInfo;
}

/** What a handler may return as a body. */
export type ResponseBody = string | Uint8Array | AsyncIterable<Uint8Array>;

export interface HttpResponse {
  readonly status: number;
  /** Overrides the standard reason phrase (HTTP/1 only; RFC 9112 §4). */
  readonly reason?: string;
  readonly headers?: HeaderList;
  /**
   * Absent for no body. A string is sent as UTF-8. An async iterable is
   * streamed with back-pressure; with no Content-Length header it is sent
   * chunked on HTTP/1.1 (chapter 04).
   */
  readonly body?: ResponseBody;
  /** Trailer fields sent after a streamed body (chapter 04). */
  readonly trailers?: () => HeaderList;
}

/** The one contract between transports and applications. */
export type Handler = (request: HttpRequest) => HttpResponse | Promise<HttpResponse>;
