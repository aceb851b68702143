// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
function listsTls13(
  bytes: Uint8Array,
  at: number,
  length: number,
): boolean | undefined {
  throw new NotImplemented({
    chapter: "09",
    name: "listsTls13",
    file: "exercises/09-tls/hello-route.ts",
    hint: "the first byte says how many bytes of versions follow; check it against the extension's own length before reading any.",
  });
}

/**
 * Whether the ClientHello `body` offers TLS 1.3 (RFC 8446 §4.1.2), by
 * offsets alone: skip the fixed fields and three vectors, then walk the
 * extensions' type-length headers to supported_versions. A hello with no
 * extensions, or without that one, offers TLS 1.2 at most (§4.2.1).
 *
 * @exercise
 */
export function offersTls13(body: Uint8Array): boolean | undefined {
  throw new NotImplemented({
    chapter: "09",
    name: "offersTls13",
    file: "exercises/09-tls/hello-route.ts",
    hint: "keep one number, the position; every vector says how far to jump. Nothing needs to be copied or collected.",
  });
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
