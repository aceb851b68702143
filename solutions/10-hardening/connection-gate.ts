/**
 * Caps at accept: the connection limiter in front of whatever protocol
 * serves a socket.
 *
 * When the server is full, a new connection waits a little instead of
 * being refused at once: its socket is paused (we read nothing, so the
 * kernel's receive window fills and the client's sends block), and it
 * is served as soon as a slot frees. That is back-pressure on accept, the
 * nearest thing Node allows: it has no way to stop calling accept() on a
 * listening socket short of closing it. Only `maxWaiting` sockets wait,
 * for at most `waitMs`; past that, and for an address over its own cap,
 * the answer is a fixed 503 with Retry-After (RFC 9110 §15.6.4), written
 * without reading the request, and the socket closes.
 */
import { Buffer } from "node:buffer";
import type { Socket } from "node:net";
import type { Admit } from "#ch01/connection.ts";
import {
  type Admission,
  type ConnectionLimits,
  ConnectionLimiter,
  MAX_CONNECTIONS,
  MAX_CONNECTIONS_PER_ADDRESS,
} from "./connection-limiter.ts";

/** 128 sockets may wait for a slot: a spike, not a siege. */
export const MAX_WAITING_CONNECTIONS = 128;

/** 2 s of waiting at most, then 503: a browser retries, a script backs off. */
export const CONNECTION_WAIT_MS = 2_000;

/** What Retry-After says in a 503: come back in 5 s. */
export const CONNECTION_RETRY_AFTER_S = 5;

/** 1 s to read the client's FIN after a refusal, then destroy. */
export const REFUSAL_LINGER_MS = 1_000;

export interface GateOptions extends ConnectionLimits {
  readonly maxWaiting: number;
  readonly waitMs: number;
  readonly retryAfterSeconds: number;
}

export const DEFAULT_GATE_OPTIONS: GateOptions = {
  maxConnections: MAX_CONNECTIONS,
  maxConnectionsPerAddress: MAX_CONNECTIONS_PER_ADDRESS,
  maxWaiting: MAX_WAITING_CONNECTIONS,
  waitMs: CONNECTION_WAIT_MS,
  retryAfterSeconds: CONNECTION_RETRY_AFTER_S,
};

/**
 * The refusal, whole: nothing about it depends on the request.
 *
 * @exercise
 * @hint nudge: a whole HTTP/1.1 response, status line to body, as one buffer.
 * @hint concept: RFC 9110 §15.6.4: 503 means not now, and Retry-After (§10.2.3)
 *   says in how many seconds. The body names the reason (TOO_MANY_CONNECTIONS
 *   for an address over its cap, else SERVER_FULL); Connection: close (RFC 9112
 *   §9.6), since we close right after.
 * @hint solution: the body by the reason (TOO_MANY_CONNECTIONS or SERVER_FULL,
 *   LF-ended); one string: the 503 status line, retry-after, content-type
 *   text/plain, content-length (its byte length), connection: close, the empty
 *   line, the body; CRLF after each line.
 */
export function refusal(reason: Admission, retryAfterSeconds: number): Buffer {
  const body =
    reason === "address-full"
      ? "TOO_MANY_CONNECTIONS: too many connections from your address\n"
      : "SERVER_FULL: too many connections; try again later\n";
  return Buffer.from(
    "HTTP/1.1 503 Service Unavailable\r\n" +
      `retry-after: ${retryAfterSeconds}\r\n` +
      "content-type: text/plain\r\n" +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      "connection: close\r\n\r\n" +
      body,
  );
}

interface Waiter {
  readonly socket: Socket;
  readonly address: string;
  readonly proceed: () => void;
  readonly timer: NodeJS.Timeout;
}

export class ConnectionGate {
  readonly limiter: ConnectionLimiter;
  readonly #options: GateOptions;
  readonly #serve: (socket: Socket) => void;
  readonly #waiting: Waiter[] = [];
  refused = 0;

  constructor(
    serve: (socket: Socket) => void,
    options: Partial<GateOptions> = {},
  ) {
    this.#options = { ...DEFAULT_GATE_OPTIONS, ...options };
    this.limiter = new ConnectionLimiter(this.#options);
    this.#serve = serve;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** The per-socket entry point: admitted sockets go to `serve`. */
  readonly accept = (socket: Socket): void => {
    this.#admit(socket, () => this.#serve(socket), true);
  };

  /**
   * The gate as a listener's admit hook (chapter 01's Admit), which the
   * listener calls as it accepts, before a byte is read. On a TLS port
   * that is before the handshake, so connections still handshaking count
   * against the caps too; a refusal there is a plain close, since a TLS
   * client would read a 503 in clear text as a broken record.
   */
  admitter(secure: boolean): Admit {
    return (socket, proceed) => this.#admit(socket, proceed, !secure);
  }

  #admit(socket: Socket, proceed: () => void, answer: boolean): void {
    const address = socket.remoteAddress ?? "";
    const admission = this.limiter.admit(address);
    if (admission === "admit") this.#start(socket, address, proceed);
    else if (
      admission === "full" &&
      this.#waiting.length < this.#options.maxWaiting
    ) {
      this.#wait(socket, address, proceed, answer);
    } else this.#refuse(socket, admission, answer);
  }

  #start(socket: Socket, address: string, proceed: () => void): void {
    // 'close' comes once: `on` spares the wrapper `once` makes.
    socket.on("close", () => {
      this.limiter.release(address);
      this.#admitWaiting();
    });
    proceed();
  }

  #wait(
    socket: Socket,
    address: string,
    proceed: () => void,
    answer: boolean,
  ): void {
    socket.pause();
    const timer = setTimeout(() => {
      this.#drop(waiter);
      this.#refuse(socket, "full", answer);
    }, this.#options.waitMs);
    const waiter: Waiter = { socket, address, proceed, timer };
    socket.once("close", () => this.#drop(waiter));
    this.#waiting.push(waiter);
  }

  #drop(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    const at = this.#waiting.indexOf(waiter);
    if (at >= 0) this.#waiting.splice(at, 1);
  }

  /** A slot freed: the longest waiter whose address is under its cap. */
  #admitWaiting(): void {
    // Every close comes here, nearly always with nobody waiting: no
    // iterator for an empty list.
    if (this.#waiting.length === 0) return;
    for (const waiter of this.#waiting) {
      if (this.limiter.admit(waiter.address) !== "admit") continue;
      this.#drop(waiter);
      waiter.socket.resume();
      this.#start(waiter.socket, waiter.address, waiter.proceed);
      return;
    }
  }

  /**
   * Writes the 503 (when `answer`; else nothing) and half-closes; keeps
   * reading (and discarding) so the client's unread request does not turn
   * our close into a reset that destroys the answer (RFC 9112 §9.6), for
   * REFUSAL_LINGER_MS at most.
   */
  #refuse(socket: Socket, reason: Admission, answer: boolean): void {
    this.refused++;
    socket.on("error", () => socket.destroy());
    if (answer) socket.end(refusal(reason, this.#options.retryAfterSeconds));
    else socket.end();
    socket.resume();
    const linger = setTimeout(() => socket.destroy(), REFUSAL_LINGER_MS);
    linger.unref();
    socket.once("close", () => clearTimeout(linger));
  }
}
