/**
 * The four bytes in front of every handshake message (RFC 8446 §4):
 *
 *     struct {
 *         HandshakeType msg_type;    // 1 = client_hello
 *         uint24 length;             // bytes remaining in the message
 *         ...
 *     } Handshake;
 *
 * The length is 24 bits, so one message may be longer than one record
 * (2^14): handshake messages are fragmented across records (§5.1) and a
 * reader must join fragments before it judges the message.
 */
import { fail, ok, type Read } from "./tls-errors.ts";

/** HandshakeType client_hello (RFC 8446 §4). */
export const CLIENT_HELLO = 1;

export const HANDSHAKE_HEADER_BYTES = 4;

/**
 * 16 KiB of ClientHello. Browsers send 0.5–2 KiB (a post-quantum key share
 * is the largest part); a resumption ticket adds a few hundred bytes. The
 * 24-bit length would let a client announce 16 MiB that we would have to
 * buffer before saying no, so we say no as soon as the header is read.
 */
export const MAX_HELLO_BYTES = 16 * 1024;

/**
 * Reads a handshake header from its four bytes and returns the length of
 * the ClientHello body that follows. Anything but a ClientHello first is
 * unexpected_message; a body longer than `maxHelloBytes` is refused from
 * the header alone, before any of it is buffered.
 *
 * @exercise
 * @hint nudge: one byte of type and a three-byte big-endian length: decide
 *   from these four bytes alone.
 * @hint concept: RFC 8446 §4: msg_type 1 is client_hello; the uint24 counts
 *   the bytes after the header; compare it with the limit before buffering a
 *   single body byte.
 * @hint solution: a first byte other than CLIENT_HELLO fails
 *   TLS_NOT_CLIENT_HELLO. Join the next three bytes, high first, into the
 *   length; above maxHelloBytes is TLS_HELLO_TOO_LONG, else ok with it.
 */
export function readHandshakeHeader(
  header: Uint8Array,
  maxHelloBytes: number = MAX_HELLO_BYTES,
): Read<number> {
  if (header[0] !== CLIENT_HELLO) return fail("TLS_NOT_CLIENT_HELLO");
  // By index: destructuring a Uint8Array runs its iterator, an object per
  // byte read, and this runs once per connection.
  const length =
    ((header[1] ?? 0) << 16) | ((header[2] ?? 0) << 8) | (header[3] ?? 0);
  return length > maxHelloBytes ? fail("TLS_HELLO_TOO_LONG") : ok(length);
}
