/**
 * What the listener reads of every ClientHello: only what it routes by.
 *
 * The chapter's reader (client-hello-reader.ts) reads every field
 * strictly, as a proxy that chooses a backend by name must. The listener
 * chooses less: is this a TLS handshake at all (or plain HTTP, or noise),
 * and does the client offer TLS 1.3, which resumes by ticket, or only TLS
 * 1.2, which may resume from the session cache (tls-listener.ts)? Reading
 * the whole hello into objects for that cost about 5 KB of short-lived
 * views, lists and strings on every new connection, enough to show in
 * handshakes per second. So the listener checks the two headers with the
 * reader's own functions, then walks the hello's lengths with a number
 * for a position, looks inside one extension and allocates nothing.
 *
 * What the walk cannot read (a hello longer than its first record, a
 * length that runs past the end) it answers with `undefined`, and OpenSSL,
 * which reads the whole hello anyway, judges it in the handshake.
 */
import { EXTENSION } from "./extensions.ts";
import {
  HANDSHAKE_HEADER_BYTES,
  readHandshakeHeader,
} from "./handshake-header.ts";
import { RECORD_HEADER_BYTES, readRecordHeader } from "./record-header.ts";
import type { TlsError } from "./tls-errors.ts";

/** TLS 1.3's number in supported_versions (RFC 8446 §4.2.1). */
export const TLS_1_3 = 0x0304;

/** legacy_version (2 bytes) and random (32) open every ClientHello. */
const FIXED_BYTES = 2 + 32;

/** Where the first record of a connection leaves the listener. */
export type HelloRoute =
  | { readonly kind: "incomplete"; readonly needs: number }
  | { readonly kind: "hello"; readonly tls13: boolean | undefined }
  | { readonly kind: "refused"; readonly error: TlsError };

/** A 16-bit big-endian length at `at`; 0 past the end (checked later). */
const u16 = (bytes: Uint8Array, at: number): number =>
  ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);

/**
 * Whether supported_versions' data at `at` (RFC 8446 §4.2.1: a one-byte
 * length, then two bytes per version) lists TLS 1.3. Data whose length
 * byte disagrees with the extension's length is undefined, for OpenSSL to
 * judge.
 *
 * @exercise
 * @hint nudge: the first byte says how many bytes of versions follow; check
 *   it against the extension's own length before reading any.
 * @hint concept: ClientHello's list is `ProtocolVersion versions<2..254>`:
 *   a one-byte length, even and at least 2, equal to the extension length
 *   less one. Then two-byte versions; GREASE values may come first.
 * @hint solution: n = bytes[at]; undefined unless n + 1 === length, n >= 2
 *   and n even. Step i from at + 1 by 2 below at + length: true when u16 at
 *   i is TLS_1_3. False after the loop.
 */
function listsTls13(
  bytes: Uint8Array,
  at: number,
  length: number,
): boolean | undefined {
  const n = bytes[at] ?? 0;
  if (n + 1 !== length || n < 2 || n % 2 !== 0) return undefined;
  for (let i = at + 1; i < at + length; i += 2)
    if (u16(bytes, i) === TLS_1_3) return true;
  return false;
}

/**
 * Whether the ClientHello `body` offers TLS 1.3 (RFC 8446 §4.1.2), by
 * offsets alone: skip the fixed fields and three vectors, then walk the
 * extensions' type-length headers to supported_versions. A hello with no
 * extensions, or without that one, offers TLS 1.2 at most (§4.2.1).
 *
 * @exercise
 * @hint nudge: keep one number, the position; every vector says how far to
 *   jump. Nothing needs to be copied or collected.
 * @hint concept: after 34 fixed bytes come session id (1-byte length),
 *   suites (2-byte), compression (1-byte), then the extension block (2-byte),
 *   ending where the body ends; each extension is a 2-byte type and 2-byte
 *   length (§4.2). Past the end: undefined, for OpenSSL to judge.
 * @hint solution: jump the three vectors from FIXED_BYTES; at the body's end,
 *   false. The block must end at body.length. Walk 4-byte headers: past the
 *   end, undefined; supported_versions, listsTls13; else jump. False when the
 *   walk lands on the end.
 */
export function offersTls13(body: Uint8Array): boolean | undefined {
  let at = FIXED_BYTES;
  at += 1 + (body[at] ?? 0); // legacy_session_id<0..32>
  at += 2 + u16(body, at); // cipher_suites<2..2^16-2>
  at += 1 + (body[at] ?? 0); // legacy_compression_methods<1..2^8-1>
  if (at === body.length) return false;
  const end = at + 2 + u16(body, at);
  if (at + 2 > body.length || end !== body.length) return undefined;
  for (at += 2; at + 4 <= end; ) {
    const type = u16(body, at);
    const length = u16(body, at + 2);
    at += 4;
    if (at + length > end) return undefined;
    if (type === EXTENSION.supported_versions)
      return listsTls13(body, at, length);
    at += length;
  }
  return at === end ? false : undefined;
}

/**
 * The route of a connection from its first bytes: wait for the first
 * record whole, refuse what the record or handshake header refuses (the
 * reader's own checks: plain HTTP, not a handshake, too long), and for a
 * ClientHello, whether it offers TLS 1.3. A hello that does not fit its
 * first record is let through with `tls13` undefined.
 */
export function routeHello(bytes: Uint8Array): HelloRoute {
  const record = readRecordHeader(bytes);
  if (!record.ok) return { kind: "refused", error: record.error };
  if (record.value === "incomplete")
    return { kind: "incomplete", needs: RECORD_HEADER_BYTES };
  const end = RECORD_HEADER_BYTES + record.value.length;
  if (bytes.length < end) return { kind: "incomplete", needs: end };
  const fragment = bytes.subarray(RECORD_HEADER_BYTES, end);
  if (fragment.length < HANDSHAKE_HEADER_BYTES)
    return { kind: "hello", tls13: undefined };
  const length = readHandshakeHeader(fragment);
  if (!length.ok) return { kind: "refused", error: length.error };
  const bodyEnd = HANDSHAKE_HEADER_BYTES + length.value;
  if (bodyEnd > fragment.length) return { kind: "hello", tls13: undefined };
  const body = fragment.subarray(HANDSHAKE_HEADER_BYTES, bodyEnd);
  return { kind: "hello", tls13: offersTls13(body) };
}
