/**
 * The seam for streamed response bodies.
 *
 * A handler may return an AsyncIterable body without a Content-Length:
 * the server learns the length only at the end. HTTP/1.1 has two ways to
 * delimit such a body (RFC 9112 §6.3): chunked transfer coding, which
 * keeps the connection, or closing the connection after the last byte,
 * which does not. Chapter 03 can only do the second; chapter 04 plugs a
 * chunked framer in here, without editing the connection.
 */
import type { HeaderList, HttpResponse } from "./message.ts";

/** How a streamed body is wrapped on the wire, chunk by chunk. */
export interface StreamFraming {
  /** Fields announcing the framing, e.g. `transfer-encoding: chunked`. */
  readonly headers: HeaderList;
  /** The bytes that carry one body chunk. */
  encode(chunk: Uint8Array): Uint8Array;
  /** The bytes after the last chunk (chunked: last-chunk and trailers). */
  finish(trailers: HeaderList | undefined): Uint8Array;
}

/** What the framer may look at: the request line's method and version. */
export interface FramingContext {
  readonly method: string;
  readonly version: string;
}

/**
 * Chooses the framing for a streamed body with no Content-Length, or
 * returns undefined to delimit it by closing the connection.
 */
export type ResponseFramer = (
  context: FramingContext,
  response: HttpResponse,
) => StreamFraming | undefined;

/**
 * Chapter 03's framer: always close-delimited (RFC 9112 §6.3, rule 8:
 * the body is every octet until the server closes). Correct for every
 * client, at the price of the connection.
 */
export const closeDelimited: ResponseFramer = () => undefined;
