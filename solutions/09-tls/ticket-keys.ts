/**
 * Session tickets (RFC 5077; RFC 8446 §4.6.1): instead of keeping a
 * client's session, the server encrypts it into a ticket the client keeps
 * and shows back. The server needs no memory per client, only a key, and
 * whoever holds that key can decrypt every ticket made with it, including
 * the secrets of past sessions. So the key is rotated: a ticket outlives
 * its key by at most one rotation period.
 *
 * node:tls holds one ticket key at a time (48 bytes: name, HMAC and AES
 * keys). After a rotation, tickets made with the old key no longer
 * resume: those clients do one full handshake and get a new ticket.
 */
import type { Buffer } from "node:buffer";
import { randomBytes } from "node:crypto";

/** 48 bytes: 16 of key name, 16 of HMAC secret, 16 of AES key (node:tls). */
export const TICKET_KEY_BYTES = 48;

/**
 * 12 hours between rotations. Twice a day bounds what a stolen key reveals
 * to half a day of sessions, while most returning visitors of the same
 * day still resume.
 */
export const TICKET_KEY_ROTATION_MS = 12 * 60 * 60 * 1000;

/** Something that takes a ticket key: a tls.Server. */
export interface TicketKeyHolder {
  setTicketKeys(keys: Buffer): void;
}

/**
 * Rotates the ticket key of `server` every `everyMs`, starting now (a
 * fresh key per process, never one from disk or the defaults); returns
 * the rotation and a stop.
 *
 * @exercise
 * @hint nudge: a key now, then one per period; the timer must not keep the
 *   process alive.
 * @hint concept: session tickets (RFC 5077; RFC 8446 §4.6.1) are sealed with
 *   a key only the server holds; one that never changes lets a single stolen
 *   key open every ticket ever issued, so set fresh random keys now and on a
 *   timer.
 * @hint solution: one rotate that gives setTicketKeys TICKET_KEY_BYTES of
 *   randomBytes; call it once, then on an interval of everyMs that is unref'd.
 *   Return rotate and a stop that clears the interval.
 */
export function rotateTicketKeys(
  server: TicketKeyHolder,
  everyMs = TICKET_KEY_ROTATION_MS,
): { rotate(): void; stop(): void } {
  const rotate = (): void =>
    server.setTicketKeys(randomBytes(TICKET_KEY_BYTES));
  rotate();
  const timer = setInterval(rotate, everyMs);
  timer.unref(); // a rotation timer must not keep the process alive
  return { rotate, stop: () => clearInterval(timer) };
}
