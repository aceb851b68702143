/**
 * The parser's error catalogue: every way a request head can be refused.
 *
 * Each code is stable (tests, logs and chapter 03 match on it), maps to one
 * HTTP status, and carries a short reason that chapter 03 sends as the body
 * of its error response. The names follow llhttp's `HPE_` vocabulary where
 * llhttp has one, so a reader who knows Node's parser recognises them.
 *
 * Status choices: 400 for malformed syntax (RFC 9110 §15.5.1), 414 when the
 * request-line is longer than we parse (RFC 9112 §3), 431 when the field
 * section is too large (RFC 6585 §5), 501 for a method or transfer coding we
 * cannot implement (RFC 9110 §15.6.2), 505 for a major version we do not
 * speak (RFC 9110 §15.6.6).
 */

/** One catalogue entry: the status to answer with and a reason to show. */
interface CatalogueEntry {
  readonly status: 400 | 414 | 431 | 501 | 505;
  readonly reason: string;
}

export const PARSE_ERRORS = {
  HPE_BARE_LF: { status: 400, reason: "line ends in LF without CR" },
  HPE_BARE_CR: { status: 400, reason: "CR not followed by LF" },
  HPE_INVALID_REQUEST_LINE: {
    status: 400,
    reason: "request-line is not method SP target SP version",
  },
  HPE_INVALID_METHOD: { status: 400, reason: "method is not a token" },
  HPE_METHOD_TOO_LONG: {
    status: 501,
    reason: "method too long to be implemented",
  },
  HPE_INVALID_TARGET: { status: 400, reason: "invalid request-target" },
  HPE_URI_TOO_LONG: { status: 414, reason: "request-line too long" },
  HPE_INVALID_VERSION: { status: 400, reason: "malformed HTTP-version" },
  HPE_VERSION_NOT_SUPPORTED: {
    status: 505,
    reason: "HTTP version not supported",
  },
  HPE_OBS_FOLD: {
    status: 400,
    reason: "header line starts with whitespace (obs-fold)",
  },
  HPE_MISSING_COLON: { status: 400, reason: "header line has no colon" },
  HPE_INVALID_HEADER_TOKEN: {
    status: 400,
    reason: "invalid header field name",
  },
  HPE_SPACE_BEFORE_COLON: {
    status: 400,
    reason: "whitespace between field name and colon",
  },
  HPE_INVALID_HEADER_VALUE: {
    status: 400,
    reason: "invalid byte in header field value",
  },
  HPE_HEADER_OVERFLOW: { status: 431, reason: "header section too large" },
  HPE_TOO_MANY_HEADERS: { status: 431, reason: "too many header fields" },
  HPE_MISSING_HOST: { status: 400, reason: "HTTP/1.1 request without Host" },
  HPE_DUPLICATE_HOST: { status: 400, reason: "more than one Host field" },
  HPE_INVALID_HOST: { status: 400, reason: "invalid Host field value" },
  HPE_INVALID_CONTENT_LENGTH: { status: 400, reason: "invalid Content-Length" },
  HPE_MULTIPLE_CONTENT_LENGTH: {
    status: 400,
    reason: "more than one Content-Length",
  },
  HPE_CONTENT_LENGTH_WITH_TE: {
    status: 400,
    reason: "both Content-Length and Transfer-Encoding",
  },
  HPE_INVALID_TRANSFER_ENCODING: {
    status: 400,
    reason: "invalid Transfer-Encoding",
  },
  HPE_UNKNOWN_TRANSFER_CODING: {
    status: 501,
    reason: "transfer coding not implemented",
  },
  HPE_TE_IN_HTTP_1_0: {
    status: 400,
    reason: "Transfer-Encoding in an HTTP/1.0 request",
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ParseErrorCode = keyof typeof PARSE_ERRORS;

/** A refused request head, as a value: never thrown. */
export interface ParseError {
  readonly code: ParseErrorCode;
  readonly status: CatalogueEntry["status"];
  readonly reason: string;
}

/** The catalogue entry for `code`, as a ParseError value. */
export function parseError(code: ParseErrorCode): ParseError {
  const { status, reason } = PARSE_ERRORS[code];
  return { code, status, reason };
}

/** What the small parsing steps return: a value or the reason it is bad. */
export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ParseError };

/** Shorthands for building Checked values. */
export const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
export const fail = <T>(code: ParseErrorCode): Checked<T> => ({
  ok: false,
  error: parseError(code),
});
