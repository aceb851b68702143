/**
 * The ClientHello reader's error catalogue: every way the first bytes of a
 * TLS connection can be refused before any cryptography runs.
 *
 * Each code is stable (tests and logs match on it) and maps to the TLS
 * alert a server would send for it (RFC 8446 §6.2): decode_error when a
 * length does not add up, illegal_parameter when a field is well formed but
 * forbidden, unexpected_message when the bytes are not a ClientHello at
 * all, record_overflow when a record is longer than TLS allows. The alert
 * plays the part an HTTP status plays in chapter 02's catalogue.
 */

/** Alert descriptions used below (RFC 8446 §6). */
export const ALERTS = {
  unexpected_message: 10,
  record_overflow: 22,
  illegal_parameter: 47,
  decode_error: 50,
} as const;

export type AlertName = keyof typeof ALERTS;

/** One catalogue row: the alert a server sends, and a reason for logs. */
interface CatalogueEntry {
  readonly alert: AlertName;
  readonly reason: string;
}

export const TLS_ERRORS = {
  TLS_PLAIN_HTTP: {
    alert: "unexpected_message",
    reason: "plain HTTP sent to a TLS port",
  },
  TLS_NOT_HANDSHAKE: {
    alert: "unexpected_message",
    reason: "first record is not a handshake record",
  },
  TLS_BAD_RECORD_VERSION: {
    alert: "decode_error",
    reason: "record version is not TLS (major version 3)",
  },
  TLS_RECORD_OVERFLOW: {
    alert: "record_overflow",
    reason: "record longer than 2^14 bytes",
  },
  TLS_EMPTY_RECORD: {
    alert: "unexpected_message",
    reason: "zero-length handshake record",
  },
  TLS_NOT_CLIENT_HELLO: {
    alert: "unexpected_message",
    reason: "first handshake message is not a ClientHello",
  },
  TLS_HELLO_TOO_LONG: {
    alert: "illegal_parameter",
    reason: "ClientHello longer than the configured limit",
  },
  TLS_BAD_LENGTH: {
    alert: "decode_error",
    reason: "a length field does not match the bytes it covers",
  },
  TLS_BAD_LEGACY_FIELD: {
    alert: "illegal_parameter",
    reason: "invalid session id, cipher suites or compression methods",
  },
  TLS_DUPLICATE_EXTENSION: {
    alert: "illegal_parameter",
    reason: "the same extension appears twice",
  },
  TLS_BAD_SERVER_NAME: {
    alert: "decode_error",
    reason: "malformed server_name extension",
  },
  TLS_INVALID_HOST_NAME: {
    alert: "illegal_parameter",
    reason: "server_name is not a DNS host name",
  },
  TLS_ADDRESS_AS_SERVER_NAME: {
    alert: "illegal_parameter",
    reason: "server_name is an IP address (RFC 6066 §3 forbids it)",
  },
  TLS_BAD_ALPN: {
    alert: "decode_error",
    reason: "malformed application_layer_protocol_negotiation extension",
  },
} as const satisfies Record<string, CatalogueEntry>;

export type TlsErrorCode = keyof typeof TLS_ERRORS;

/** A refused ClientHello, as a value: never thrown. */
export interface TlsError {
  readonly code: TlsErrorCode;
  readonly alert: AlertName;
  readonly reason: string;
}

/** The catalogue entry for `code`, as a TlsError value. */
export function tlsError(code: TlsErrorCode): TlsError {
  const { alert, reason } = TLS_ERRORS[code];
  return { code, alert, reason };
}

/** What each reading step returns: a value or the reason it is bad. */
export type Read<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: TlsError };

export const ok = <T>(value: T): Read<T> => ({ ok: true, value });
/** A failed read, by catalogue code. */
export const fail = <T>(code: TlsErrorCode): Read<T> => ({
  ok: false,
  error: tlsError(code),
});
