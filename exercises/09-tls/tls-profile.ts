/**
 * How this server configures TLS, in one place, each value with why.
 *
 * The profile is Mozilla's "intermediate" configuration (Server Side TLS
 * guidelines, version 5.7): TLS 1.2 and 1.3, forward-secret AEAD suites
 * only. "Modern" (TLS 1.3 only) would turn away clients that are still in
 * use (older Android, Java 8 and embedded clients speak only 1.2); "old"
 * would take back CBC suites and TLS 1.0/1.1, which RFC 8996 deprecated.
 * We leave out the profile's DHE suites: they need a Diffie-Hellman group
 * file, and every client that has DHE also has ECDHE.
 */
import { constants } from "node:crypto";
import type { SecureVersion } from "node:tls";

/** RFC 8996 deprecates TLS 1.0 and 1.1; 1.2 is the floor (RFC 9325 §3.1.1). */
export const MIN_VERSION: SecureVersion = "TLSv1.2";

/**
 * TLS 1.3 suites first (node sets them from the same string), then TLS
 * 1.2's ECDHE with AES-GCM or ChaCha20-Poly1305: the AEAD, forward-secret
 * suites RFC 9325 §4.2 recommends. ECDSA before RSA within each pair.
 */
export const CIPHERS = [
  "TLS_AES_128_GCM_SHA256",
  "TLS_AES_256_GCM_SHA384",
  "TLS_CHACHA20_POLY1305_SHA256",
  "ECDHE-ECDSA-AES128-GCM-SHA256",
  "ECDHE-RSA-AES128-GCM-SHA256",
  "ECDHE-ECDSA-AES256-GCM-SHA384",
  "ECDHE-RSA-AES256-GCM-SHA384",
  "ECDHE-ECDSA-CHACHA20-POLY1305",
  "ECDHE-RSA-CHACHA20-POLY1305",
].join(":");

/** Key exchange groups, fastest first (the intermediate profile's list). */
export const ECDH_CURVES = "X25519:prime256v1:secp384r1";

/**
 * The client's order wins: every suite above is strong, and a phone
 * without AES hardware prefers ChaCha20 (Mozilla: server order "no").
 */
export const HONOR_CIPHER_ORDER = false;

/**
 * 10 s to finish a handshake. Node's default is 120 s, which lets a client
 * hold a socket and a TLS state for two minutes by sending nothing; a real
 * handshake takes one or two round trips.
 */
export const HANDSHAKE_TIMEOUT_MS = 10_000;

/**
 * 2 hours of session lifetime for tickets and cached sessions, the value
 * RFC 8446 §4.6.1 uses as its example; it bounds how long a stolen ticket
 * key or cache entry is worth anything.
 */
export const SESSION_TIMEOUT_S = 2 * 60 * 60;

/**
 * No TLS 1.2 renegotiation, asked by either side. RFC 9113 §9.2.1: "A
 * deployment of HTTP/2 over TLS 1.2 MUST disable renegotiation", and the
 * port serves HTTP/2 by ALPN; for HTTP/1.1 a client-initiated
 * renegotiation is a full handshake the client can ask for at will, the
 * CPU cost of a new connection without one (nginx refuses it too). The
 * option is OpenSSL's: the server answers a renegotiating hello with a
 * no_renegotiation alert, so it costs nothing per connection. TLS 1.3
 * has no renegotiation at all.
 */
export const SECURE_OPTIONS = constants.SSL_OP_NO_RENEGOTIATION;

/** Everything above, as node:tls options. */
export const TLS_PROFILE = {
  minVersion: MIN_VERSION,
  ciphers: CIPHERS,
  ecdhCurve: ECDH_CURVES,
  honorCipherOrder: HONOR_CIPHER_ORDER,
  secureOptions: SECURE_OPTIONS,
} as const;
