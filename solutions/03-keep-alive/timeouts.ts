/**
 * Timeouts as defences. A connection costs memory and a file descriptor
 * for as long as it is open; without deadlines any peer can hold one
 * forever by sending nothing (an idle keep-alive) or by sending a head one
 * byte at a time (slow loris). Each deadline below is a named default that
 * ConnectionOptions can override.
 */
import type { ConnectionError } from "./body-decoder.ts";
import type { ConnectionState } from "./connection-state.ts";

/**
 * 10 s to send a complete head, counted from its first byte. A real client
 * sends its head in one packet; ten seconds covers a slow mobile link with
 * retransmits, and caps how long a slow-loris peer holds a connection.
 * Node's headersTimeout is 60 s; nginx's client_header_timeout is 60 s.
 */
export const HEADERS_TIMEOUT_MS = 10_000;

/**
 * 5 s of silence between requests before we close. Long enough for a
 * browser's next click-triggered request, short enough that idle
 * connections do not pile up. Node's keepAliveTimeout is 5 s too.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;

/**
 * 5 s to wait for the peer's FIN after ours. Closing while unread request
 * bytes sit in our receive buffer makes the kernel send RST, which can
 * destroy the response the client has not read yet (RFC 9112 §9.6); so we
 * half-close, keep reading, and give up after this long. nginx waits 5 s
 * too (`lingering_timeout`). No longer than the idle timeout, since a
 * client can hold a connection that long by saying nothing; and no
 * shorter, so that a connection closing after its first answer keeps
 * the idle deadline's timer instead of moving it earlier (DeadlineTimer
 * moves a timer only for an earlier deadline): one Node timer per
 * connection, not two.
 */
export const LINGER_TIMEOUT_MS = 5_000;

/** The deadlines a connection can be under. */
export type TimerKind = "head" | "idle" | "linger";

export interface TimerSettings {
  readonly headersTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly lingerTimeoutMs: number;
}

/** A deadline to arm, or undefined for none. */
export type TimerPlan =
  | { readonly kind: TimerKind; readonly ms: number }
  | undefined;

/** The last plan handed out for each kind (see planOf). */
const lastPlans: Record<TimerKind, NonNullable<TimerPlan>> = {
  head: Object.freeze({ kind: "head", ms: -1 }),
  idle: Object.freeze({ kind: "idle", ms: -1 }),
  linger: Object.freeze({ kind: "linger", ms: -1 }),
};

/**
 * The plan `{ kind, ms }`. A connection asks for one at the end of every
 * event, a few times per request, and nearly always for the same few: the
 * last plan of that kind is handed out again when its duration matches,
 * a new one (frozen, like every plan handed out) when it does not. The
 * answer is the same either way; only the allocation is saved.
 */
export function planOf(kind: TimerKind, ms: number): TimerPlan {
  const last = lastPlans[kind];
  if (last.ms === ms) return last;
  const plan = Object.freeze({ kind, ms });
  lastPlans[kind] = plan;
  return plan;
}

/**
 * Which deadline applies in `state`, given how many responses are still
 * owed. Idle is only idle when we owe nothing: a slow handler is not the
 * client's silence. Chapter 10 adds body and handler deadlines.
 *
 * @exercise
 * @hint nudge: three states have a deadline; the others have none.
 * @hint concept: RFC 9112 §9.5 lets a server close idle connections; the head
 *   deadline counts from a head's first byte (the slow loris defence), the
 *   idle one only when nothing is owed, and the linger one after our FIN (RFC
 *   9112 §9.6).
 * @hint solution: one if per state, returning planOf the kind and the
 *   matching duration from the settings; idle also needs inFlight to be zero;
 *   anything else has no plan.
 */
export function timerFor(
  state: ConnectionState,
  inFlight: number,
  s: TimerSettings,
): TimerPlan {
  if (state === "head") return planOf("head", s.headersTimeoutMs);
  if (state === "idle" && inFlight === 0)
    return planOf("idle", s.keepAliveTimeoutMs);
  if (state === "lingering") return planOf("linger", s.lingerTimeoutMs);
  return undefined;
}

/** The answer to a head that took too long (RFC 9110 §15.5.9). */
export const HEADERS_TIMEOUT: ConnectionError = {
  code: "HEADERS_TIMEOUT",
  status: 408,
  reason: "request head not received in time",
};
