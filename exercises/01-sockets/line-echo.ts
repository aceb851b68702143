// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * The line echo: chapter 01's protocol, one instance per connection.
 *
 * Reads lines and writes each one back, ending in LF. Small as it is, it
 * does what every later connection does: frames a stream, respects
 * back-pressure, answers a half-close, enforces a limit and an idle
 * timeout, survives peers that vanish, and finishes on shutdown.
 *
 *   open ──peer's FIN──────────────────────▶ closing: echo the tail, end()
 *   open ──too long | idle | shutdown──────▶ closing: notice, end(), linger
 *   closing ──'close'──────────────────────▶ closed
 *   any ──'error'──────────────────────────▶ closed (Node destroys it)
 *   closing ──idle again | linger over─────▶ destroy()
 */
import { Buffer } from "node:buffer";
import type { Socket } from "node:net";
import { writeWithBackPressure } from "./back-pressure.ts";
import { type Connection, type Protocol, socketClosed } from "./connection.ts";
import { LineFramer, trimLineEnding } from "./line-framer.ts";
import { isPeerGone } from "./peer-errors.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * Close a connection that has sent nothing and read nothing for this long
 * (ms). A minute is patient with a person typing into `nc` and still
 * reclaims sockets that clients abandoned without closing.
 */
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/**
 * After we send our FIN first, keep reading (and discarding) this long (ms)
 * before destroying the socket. Closing with unread input makes the kernel
 * send RST, and a reset can wipe our last words from the peer's receive
 * buffer before it reads them (the "lingering close" of RFC 9112 §9.6).
 */
export const DEFAULT_LINGER_MS = 2_000;

export interface LineEchoOptions {
  /** Longest line accepted (see DEFAULT_MAX_LINE_BYTES). */
  readonly maxLineBytes?: number;
  readonly idleTimeoutMs?: number;
  readonly lingerMs?: number;
  /** Socket errors. Default: ignore peers leaving, report anything else. */
  readonly onError?: (error: Error) => void;
}

export type LineEchoState = "open" | "closing" | "closed";

/** The bytes echoed for one line: its text, ending in LF. */
export function echoLine(line: Buffer): Buffer {
  return Buffer.concat([trimLineEnding(line), Buffer.from("\n")]);
}

/** The part of a socket that answering a half-close needs. */
export interface Ending {
  write(chunk: Uint8Array): boolean;
  end(): unknown;
}

/**
 * The peer sent FIN: it will send nothing more but is still reading. Echo
 * the unterminated tail (it is a last line with no LF, not garbage), then
 * end() our side: Node sends our FIN after every queued write. destroy()
 * here would throw the queue away and lose echoes.
 *
 * @exercise
 */
export function finishAfterPeerEnd(socket: Ending, framer: LineFramer): void {
  throw new NotImplemented({
    chapter: "01",
    name: "finishAfterPeerEnd",
    file: "exercises/01-sockets/line-echo.ts",
    hint: "the peer's FIN means \"no more from me\", not \"goodbye\": it still wants its answers.",
  });
}

/** Run the line echo on an accepted socket. */
export function serveLineEcho(
  socket: Socket,
  options: LineEchoOptions = {},
): LineEcho {
  return new LineEcho(socket, options);
}

/** The line echo as a Protocol: what chapter 01's server runs. */
export function lineEchoProtocol(options: LineEchoOptions = {}): Protocol {
  return { id: "line-echo", serve: (socket) => serveLineEcho(socket, options) };
}

function reportUnexpected(error: Error): void {
  if (!isPeerGone(error)) console.error(`line echo: ${error.message}`);
}

export class LineEcho implements Connection {
  readonly #socket: Socket;
  readonly #framer: LineFramer;
  readonly #idleTimeoutMs: number;
  readonly #lingerMs: number;
  #state: LineEchoState = "open";
  /** Shutdown was requested: close once the line in progress is echoed. */
  #finishing = false;
  #linger: NodeJS.Timeout | undefined;
  readonly closed: Promise<void>;
  /**
   * Graceful shutdown (Connection): finish the line in progress, then close.
   */
  readonly shutdown: () => void;

  constructor(socket: Socket, options: LineEchoOptions = {}) {
    this.#socket = socket;
    this.#framer = new LineFramer(
      options.maxLineBytes === undefined
        ? {}
        : { maxLineBytes: options.maxLineBytes },
    );
    this.#idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    this.#lingerMs = options.lingerMs ?? DEFAULT_LINGER_MS;
    this.#listen(options.onError ?? reportUnexpected);
    this.closed = socketClosed(socket);
    this.shutdown = this.#guard(() => this.#onShutdown());
  }

  /**
   * Wire the socket's events to the state machine, one handler each: the
   * table in the file's comment, as code. Every handler but 'close' runs
   * under #guard, and 'close' only moves the state to closed.
   *
   * @exercise
   */
  #listen(onError: (error: Error) => void): void {
    throw new NotImplemented({
      chapter: "01",
      name: "LineEcho.#listen",
      file: "exercises/01-sockets/line-echo.ts",
      hint: "a socket tells you everything through events; nothing happens in this connection until each event has its handler.",
    });
  }

  /** A line has begun and not ended: closing now would cut it. */
  get busy(): boolean {
    return this.#state === "open" && this.#framer.pendingBytes > 0;
  }

  get state(): LineEchoState {
    return this.#state;
  }

  /**
   * Bytes arrived: echo every line they complete, refuse a line past the
   * limit, and finish a requested shutdown once no line is half-received.
   *
   * @exercise
   */
  #onData(chunk: Buffer): void {
    throw new NotImplemented({
      chapter: "01",
      name: "LineEcho.#onData",
      file: "exercises/01-sockets/line-echo.ts",
      hint: "each chunk may complete zero, one or many lines, and each deserves its echo before anything else happens.",
    });
  }

  /**
   * The peer sent FIN: answer what it sent, then close our side.
   *
   * @exercise
   */
  #onPeerEnd(): void {
    throw new NotImplemented({
      chapter: "01",
      name: "LineEcho.#onPeerEnd",
      file: "exercises/01-sockets/line-echo.ts",
      hint: "the peer's FIN can arrive after we began closing ourselves.",
    });
  }

  /**
   * The socket's idle timeout fired: nothing moved for idleTimeoutMs.
   *
   * @exercise
   */
  #onIdle(): void {
    throw new NotImplemented({
      chapter: "01",
      name: "LineEcho.#onIdle",
      file: "exercises/01-sockets/line-echo.ts",
      hint: "the same timer fires in two situations: the peer went quiet while open, or we are closing and it still does not finish.",
    });
  }

  /**
   * The server is shutting down: finish now if idle, else after this line.
   *
   * @exercise
   */
  #onShutdown(): void {
    throw new NotImplemented({
      chapter: "01",
      name: "LineEcho.#onShutdown",
      file: "exercises/01-sockets/line-echo.ts",
      hint: "a graceful shutdown must not cut a line in half.",
    });
  }

  /**
   * We end first: say why, send FIN, then drain input for a while.
   *
   * @exercise
   */
  #closeFirst(notice?: string): void {
    throw new NotImplemented({
      chapter: "01",
      name: "LineEcho.#closeFirst",
      file: "exercises/01-sockets/line-echo.ts",
      hint: "closing first is different from answering the peer's FIN: the peer may still be sending, and unread input at close makes the kernel send RST.",
    });
  }

  /**
   * A bug in this connection's code (or an exercise not written yet) closes
   * this connection and is reported through 'error'; it does not crash the
   * server and every other connection with it.
   *
   * @exercise
   */
  #guard<A extends unknown[]>(
    handler: (...args: A) => void,
  ): (...args: A) => void {
    throw new NotImplemented({
      chapter: "01",
      name: "LineEcho.#guard",
      file: "exercises/01-sockets/line-echo.ts",
      hint: "an exception thrown in an event listener is nobody's to catch: it reaches the process and stops every connection at once.",
    });
  }

  /**
   * The one place the state changes.
   *
   * @exercise
   */
  #transition(to: LineEchoState): void {
    throw new NotImplemented({
      chapter: "01",
      name: "LineEcho.#transition",
      file: "exercises/01-sockets/line-echo.ts",
      hint: "closed is final: no event after 'close' may bring the connection back.",
    });
  }
}
