/**
 * Slow clients: the attacks that cost the attacker nothing.
 *
 * A connection holds a file descriptor and some memory for as long as it
 * is open, so a client that sends (or reads) one byte now and then holds
 * them for free. Chapter 03 bounds the head (headersTimeoutMs) and the
 * silence between requests (keepAliveTimeoutMs). This file bounds the two
 * phases it left open: a request body trickled in (slow POST), and a
 * response the client will not read (slow read). Both are a minimum data
 * rate, checked every period: at least `minRate × period` bytes must move,
 * or the connection goes. Kestrel's MinRequestBodyDataRate and
 * MinResponseDataRate work the same way (240 bytes/s, 5 s grace).
 */
import type { Socket } from "node:net";
import { type Linked, LinkedList } from "#ch01/linked-list.ts";
import type { ConnectionError } from "#ch03/body-decoder.ts";
import type { Watchdog, WatchedConnection } from "#ch03/connection-options.ts";

/**
 * 240 bytes/s of request body, Kestrel's default: a 2G phone link moves
 * ten times that, and a slow-POST attacker sending 10 bytes every 10 s
 * is a hundred times below it.
 */
export const MIN_BODY_RATE = 240;

/** 240 bytes/s read by the client while our output is queued. */
export const MIN_SEND_RATE = 240;

/**
 * 5 s per measuring period: long enough for TCP to recover a lost
 * segment (the minimum RTO is 1 s, RFC 6298 §2.4) a few times over.
 */
export const RATE_PERIOD_MS = 5_000;

/** How often the watchdog looks: one timer for every connection. */
export const CHECK_INTERVAL_MS = 1_000;

export interface SlowClientLimits {
  /** Bytes per second a request body must arrive at; 0 turns it off. */
  readonly minBodyRate: number;
  /** Bytes per second the client must read while output waits; 0: off. */
  readonly minSendRate: number;
  /** The period each rate is measured over (and the grace before). */
  readonly ratePeriodMs: number;
  readonly checkIntervalMs: number;
}

export const DEFAULT_SLOW_CLIENT_LIMITS: SlowClientLimits = {
  minBodyRate: MIN_BODY_RATE,
  minSendRate: MIN_SEND_RATE,
  ratePeriodMs: RATE_PERIOD_MS,
  checkIntervalMs: CHECK_INTERVAL_MS,
};

/** A period being measured: when it began and the byte count then. */
export interface RateWindow {
  readonly since: number;
  readonly bytes: number;
}

/**
 * One check of one phase. `active` says whether the client owes progress
 * now (a body it is sending, output it should read). The verdict is only
 * taken once a whole period has passed; then a new period starts.
 */
export type RateStep =
  | { readonly kind: "idle" }
  | { readonly kind: "measuring"; readonly window: RateWindow }
  | { readonly kind: "too-slow" };

/**
 * One check of one phase: is a period being measured, and if one just
 * ended, did enough bytes move during it?
 *
 * @exercise
 * @hint nudge: four outcomes in order: not owed, first look, period not over,
 *   verdict.
 * @hint concept: RFC 9112 §9.5: a server may close a connection that stalls. A
 *   slow client sends (or reads) just enough to look alive, so judge a whole
 *   period: the bytes moved during it against minRate. A period not over proves
 *   nothing, and a phase not owed is idle.
 * @hint solution: in the order of the nudge: inactive or a rate of zero is
 *   idle; no window yet opens one at now and bytes; a period not yet over keeps
 *   the window; fewer bytes moved than the rate times the elapsed time (in ms:
 *   multiply bytes by 1000) is too-slow; else a fresh window from now.
 */
export function rateStep(
  window: RateWindow | undefined,
  active: boolean,
  bytes: number,
  now: number,
  minRate: number,
  periodMs: number,
): RateStep {
  if (!active || minRate <= 0) return { kind: "idle" };
  if (window === undefined)
    return { kind: "measuring", window: { since: now, bytes } };
  const elapsed = now - window.since;
  if (elapsed < periodMs) return { kind: "measuring", window };
  if ((bytes - window.bytes) * 1000 < minRate * elapsed)
    return { kind: "too-slow" };
  return { kind: "measuring", window: { since: now, bytes } };
}

/** The answer to a body that arrives too slowly (RFC 9110 §15.5.9). */
export const BODY_TOO_SLOW: ConnectionError = {
  code: "BODY_TOO_SLOW",
  status: 408,
  reason: "request body arrived below the minimum data rate",
};

/** One watched connection, and its two rate windows. */
class Watched implements Linked<Watched> {
  prev: Watched | undefined = undefined;
  next: Watched | undefined = undefined;
  readonly socket: Socket;
  /** Cleared when the socket closes: node keeps the socket a while. */
  connection: WatchedConnection | undefined;
  body: RateWindow | undefined = undefined;
  send: RateWindow | undefined = undefined;

  constructor(socket: Socket, connection: WatchedConnection) {
    this.socket = socket;
    this.connection = connection;
  }
}

/**
 * Watches every connection with one interval timer, which runs only
 * while some connection is open (until its first tick after the last
 * one closed). Plugged into chapter 03's `watchdog`.
 */
export class SlowClientWatchdog {
  readonly #limits: SlowClientLimits;
  /** A list, not a Map by socket (chapter 01's linked-list.ts says why). */
  readonly #watched = new LinkedList<Watched>();
  #timer: NodeJS.Timeout | undefined;
  /** Connections closed for a slow body or a slow read, for the logs. */
  closedSlowBody = 0;
  closedSlowRead = 0;

  constructor(limits: Partial<SlowClientLimits> = {}) {
    this.#limits = { ...DEFAULT_SLOW_CLIENT_LIMITS, ...limits };
  }

  readonly watch: Watchdog = (socket, connection) => {
    const entry = new Watched(socket, connection);
    this.#watched.push(entry);
    // 'close' comes once: `on` spares the wrapper `once` makes. Node
    // keeps a closed socket, and this listener, a while after 'close':
    // the entry it holds lets go of the connection.
    socket.on("close", () => {
      this.#watched.remove(entry);
      entry.connection = undefined;
    });
    if (this.#timer === undefined) {
      this.#timer = setInterval(this.#tick, this.#limits.checkIntervalMs);
      this.#timer.unref();
    }
  };

  /**
   * The timer stops at a tick that finds nothing to watch, not when the
   * last connection closes: short connections one after another would
   * stop and restart it for each.
   */
  readonly #tick = (): void => {
    if (this.#watched.size === 0) this.stop();
    else this.check(performance.now());
  };

  /**
   * One pass over every connection; the timer calls it. `now` is
   * performance.now(), a clock that only moves forward: on the wall clock,
   * an NTP step of an hour forward would make every measured period an
   * hour long, and every client in one look too slow.
   *
   * @exercise
   * @hint nudge: two rate steps per connection: the body it sends and the
   *   output it should read.
   * @hint concept: two phases per connection: the body it owes us while one is
   *   awaited, and reading what we sent (bytes still in our socket buffer). A
   *   slow reader is reset: its queued output is worthless. A slow body is
   *   aborted with BODY_TOO_SLOW, whose status is 408 (RFC 9110 §15.5.9).
   * @hint solution: per entry, rateStep twice: the body phase, and the send
   *   phase on bytes that left the socket buffer. Slow send: closedSlowRead,
   *   resetAndDestroy; else slow body: closedSlowBody, abort with
   *   BODY_TOO_SLOW. Keep windows only while measuring.
   */
  check(now: number): void {
    const { minBodyRate, minSendRate, ratePeriodMs } = this.#limits;
    for (const entry of this.#watched) {
      const { socket, connection } = entry;
      if (connection === undefined) continue; // not while listed: see watch
      const body = rateStep(
        entry.body,
        connection.awaitingBody,
        socket.bytesRead,
        now,
        minBodyRate,
        ratePeriodMs,
      );
      // Bytes handed to the kernel: written minus still queued in Node.
      const sent = socket.bytesWritten - socket.writableLength;
      const pending = socket.writableLength > 0;
      const send = rateStep(
        entry.send,
        pending,
        sent,
        now,
        minSendRate,
        ratePeriodMs,
      );
      if (send.kind === "too-slow") {
        this.closedSlowRead++;
        // A reset, not a FIN: a FIN would queue behind the unread bytes,
        // and the kernel would keep them (and the socket) for minutes.
        socket.resetAndDestroy();
      } else if (body.kind === "too-slow") {
        this.closedSlowBody++;
        connection.abort(BODY_TOO_SLOW);
      }
      entry.body = body.kind === "measuring" ? body.window : undefined;
      entry.send = send.kind === "measuring" ? send.window : undefined;
    }
  }

  /** The timer is running: some connection was open at its last tick. */
  get running(): boolean {
    return this.#timer !== undefined;
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
