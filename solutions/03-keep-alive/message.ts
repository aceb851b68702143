/**
 * The message model every transport shares.
 *
 * HTTP/1.1 (this chapter), HTTP/2 (chapter 13) and every handler in between
 * speak these types, as Go's net/http and hyper do: a handler receives an
 * HttpRequest and returns an HttpResponse, and never sees a socket. The
 * connection that produced the request decides how the response becomes
 * bytes (status line and chunked framing, or HEADERS and DATA frames).
 */

import type { Duplex } from "node:stream";
import type { HeaderList } from "#ch02/header-list.ts";

/** Header fields in order (chapter 02's type, part of this model too). */
export type { HeaderList };

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

/**
 * One request, parsed once by the connection that received it. Handlers
 * and middleware read `path` and `query` and never take `target` apart
 * again: one parser (chapter 02's splitTarget) means the router, the file
 * server and the cache agree on which resource was asked for.
 */
export interface HttpRequest {
  /** Method token, case-sensitive (RFC 9110 §9.1): "GET", not "get". */
  readonly method: string;
  /** The request-target exactly as sent (RFC 9112 §3.2), for logs. */
  readonly target: string;
  /** "HTTP/1.0", "HTTP/1.1" or "HTTP/2". */
  readonly version: string;
  /** "https" when the request arrived over TLS (RFC 9110 §4.2.2). */
  readonly scheme: "http" | "https";
  /**
   * Host and port the client asked for, as sent: from the absolute-form
   * target if there is one (RFC 9112 §3.2.2: it replaces Host), else the
   * Host field (HTTP/2: `:authority`); "" when neither is present.
   */
  readonly authority: string;
  /**
   * The target's path with the one percent-decoding rule (chapter 02,
   * normalizePath): encoded unreserved characters are decoded, every
   * other "%XX" stays, upper-cased. `/%61pi/x` arrives as `/api/x`;
   * `/a%2Fb` stays `/a%2Fb`, one segment. "*" for `OPTIONS *`.
   */
  readonly path: string;
  /** The query as sent, without "?"; "" when there is none. */
  readonly query: string;
  readonly headers: HeaderList;
  readonly body: RequestBody;
  readonly connection: ConnectionInfo;
  /**
   * Fires when the client goes away before its answer is written (the
   * connection closed or the client sent its FIN; HTTP/2: the stream was
   * reset). A handler doing slow work listens and stops. Made only when
   * read: creating a signal costs more than the rest of a request.
   */
  readonly signal: AbortSignal;
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
  /**
   * Switching protocols (RFC 9110 §7.8, §15.2.2): with status 101 and an
   * Upgrade field, the connection writes the head and then calls this
   * with the byte stream, which now belongs to the new protocol (chapter
   * 14: WebSocket). Bytes the client sent after its request are the
   * first to be read from it. The stream is handed over paused: listen,
   * then resume() (or pipe() it). Because it is a response like any other,
   * middleware runs for upgrades too: authentication, logs, rate limits.
   */
  readonly upgrade?: (stream: Duplex) => void;
}

/** The one contract between transports and applications. */
export type Handler = (
  request: HttpRequest,
) => HttpResponse | Promise<HttpResponse>;
