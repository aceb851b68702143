/**
 * Flow-control window arithmetic (RFC 9113 §5.2, §6.9).
 *
 * Every stream, and the connection as a whole, has two windows: how many
 * DATA bytes we may still send (the peer grants it) and how many we are
 * still willing to receive (we grant it). Sending DATA shrinks both the
 * stream's and the connection's window; WINDOW_UPDATE grows one of them;
 * a change of SETTINGS_INITIAL_WINDOW_SIZE moves every stream window by
 * the difference, which can leave a window negative (§6.9.2). Only DATA
 * counts, padding included; HEADERS never do, so a stalled body never
 * blocks a response from starting.
 *
 * These are plain functions on numbers: the connection holds the numbers,
 * the rules live here, and each answer says what the RFC makes of it.
 */

/** The largest window a sender may reach: 2^31 - 1 (§6.9.1). */
export const MAX_WINDOW = 0x7fff_ffff;

/** What growing a window gives: the new size, or a breach of the maximum. */
export type Grown =
  | { readonly ok: true; readonly window: number }
  | { readonly ok: false };

/**
 * A WINDOW_UPDATE increment, or an INITIAL_WINDOW_SIZE delta (which may
 * be negative), applied to a send window.
 *
 * §6.9.1: "A sender MUST NOT allow a flow-control window to exceed
 * 2^31-1 octets. If a sender receives a WINDOW_UPDATE that causes a
 * flow-control window to exceed this maximum, it MUST terminate either
 * the stream or the connection, as appropriate" (FLOW_CONTROL_ERROR).
 *
 * @exercise
 * @hint nudge: add, then check the one limit a window has.
 * @hint concept: RFC 9113 §6.9.1: the sum may not pass 2^31 - 1; a
 *   negative result is allowed (§6.9.2: a smaller initial window can make a
 *   stream owe bytes).
 * @hint solution: the sum of window and delta; above MAX_WINDOW is not ok
 *   (no window); otherwise ok with the sum, negative or not.
 */
export function grow(window: number, delta: number): Grown {
  const next = window + delta;
  return next > MAX_WINDOW ? { ok: false } : { ok: true, window: next };
}

/**
 * DATA received: what is left of the receive window, or undefined when
 * the peer sent more than we allowed (§6.9: FLOW_CONTROL_ERROR).
 *
 * @exercise
 * @hint nudge: the window is what the peer was allowed to send.
 * @hint concept: RFC 9113 §6.9.1: a receiver MUST treat DATA beyond its
 *   advertised window as a FLOW_CONTROL_ERROR; the whole frame counts,
 *   padding included (§6.1).
 * @hint solution: subtract the length from the window; below zero means
 *   the peer overran it, undefined; else what is left.
 */
export function consume(window: number, length: number): number | undefined {
  const left = window - length;
  return left < 0 ? undefined : left;
}

/**
 * How much to give back with a WINDOW_UPDATE, given what is left of a
 * receive window and the size we want it to stay near; 0 for "not yet".
 *
 * The policy: let the window fall to half its target, then top it up in
 * one frame. One WINDOW_UPDATE per half-window keeps the frame count low,
 * and because the target is far larger than what one round trip carries
 * at line rate on loopback or a LAN, the sender never waits for us. Bytes
 * still waiting for the handler are not given back (`held`): that is
 * back-pressure, the slow reader's window closes.
 *
 * @exercise
 * @hint nudge: nothing until the window is half used; then everything back.
 * @hint concept: RFC 9113 §6.9: the receiver decides when to send
 *   WINDOW_UPDATE. Give back what the handler has consumed, never what it
 *   still holds, or a slow reader would buffer without bound.
 * @hint solution: the room is the target less what is held and what the
 *   window still allows. Nothing to give (room of 0 or less), or a window
 *   still above half the target: 0. Else the whole room.
 */
export function replenish(
  window: number,
  target: number,
  held: number,
): number {
  const room = target - held - window;
  if (room <= 0 || window > target / 2) return 0;
  return room;
}

/**
 * Bytes of DATA that may go out now for a stream: the least of what it
 * has, its window, the connection's window and one frame.
 */
export function sendable(
  pending: number,
  streamWindow: number,
  connectionWindow: number,
  maxFrameSize: number,
): number {
  return Math.max(
    0,
    Math.min(pending, streamWindow, connectionWindow, maxFrameSize),
  );
}
