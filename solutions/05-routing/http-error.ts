/**
 * The router's error catalogue: every way a request can fail before or
 * inside a handler, with a stable code and the status it maps to.
 *
 * Codes are for machines (logs, tests, API clients) and never change once
 * published; messages are for people and may improve. A handler signals an
 * expected failure by throwing an HttpError; the error boundary turns it
 * into a response. Anything else thrown is a bug and becomes a 500.
 */
import type { HeaderList } from "#ch03/message.ts";

/** Stable code → the status it is answered with (RFC 9110 §15). */
export const ERROR_CATALOGUE = {
  /** Asterisk-form for a method other than OPTIONS, or a malformed target. */
  BAD_REQUEST_TARGET: 400,
  /** A `%` not followed by two hex digits, or bytes that are not UTF-8. */
  BAD_PATH_ENCODING: 400,
  /** A dot-segment (`..`) or NUL (`%00`) in the path. */
  BAD_PATH_SEGMENT: 400,
  /** The body is not valid JSON (RFC 8259). */
  BAD_JSON: 400,
  /** The body is not valid UTF-8 where text was expected. */
  BAD_TEXT_ENCODING: 400,
  /** No route matches the path (RFC 9110 §15.5.5). */
  ROUTE_NOT_FOUND: 404,
  /** The path matches, the method does not (RFC 9110 §15.5.6). */
  METHOD_NOT_ALLOWED: 405,
  /** The body is larger than the handler's limit (RFC 9110 §15.5.14). */
  BODY_TOO_LARGE: 413,
  /** Content-Type or Content-Encoding not accepted (RFC 9110 §15.5.16). */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** A handler threw something that is not an HttpError: a bug. */
  INTERNAL_ERROR: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** An application's own code, e.g. `{ status: 404, code: "NO_SUCH_USER" }`. */
export interface CustomError {
  readonly status: number;
  readonly code: string;
}

export interface HttpErrorOptions {
  /** Header fields the error response must carry (e.g. Allow on 405). */
  readonly headers?: HeaderList;
  /**
   * Whether `message` may be shown to the client. Defaults to true for
   * 4xx (the client needs to know what to fix) and false for 5xx (the
   * message may describe our internals).
   */
  readonly expose?: boolean;
  readonly cause?: unknown;
}

/** An expected failure with a status, a stable code and a message. */
export class HttpError extends Error {
  override readonly name = "HttpError";
  readonly status: number;
  readonly code: string;
  readonly expose: boolean;
  readonly headers: HeaderList;

  constructor(
    code: ErrorCode | CustomError,
    message: string,
    options: HttpErrorOptions = {},
  ) {
    const { cause } = options;
    super(message, cause === undefined ? undefined : { cause });
    const status =
      typeof code === "string" ? ERROR_CATALOGUE[code] : code.status;
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RangeError(`HttpError status must be 4xx or 5xx: ${status}`);
    }
    this.status = status;
    this.code = typeof code === "string" ? code : code.code;
    this.expose = options.expose ?? status < 500;
    this.headers = options.headers ?? [];
  }
}
