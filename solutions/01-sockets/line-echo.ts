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
 * @hint nudge: the peer's FIN means "no more from me", not "goodbye": it still
 *   wants its answers.
 * @hint concept: what is still in the framer was sent, so answer it; then close
 *   our half with end(), which waits for queued writes, not destroy().
 * @hint solution: ask the framer to finish; when it returns a tail, write its
 *   echo; in every case, end our side afterwards.
 */
export function finishAfterPeerEnd(socket: Ending, framer: LineFramer): void {
  const tail = framer.finish();
  if (tail !== undefined) socket.write(echoLine(tail));
  socket.end();
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
   * @hint nudge: a socket tells you everything through events; nothing
   *   happens in this connection until each event has its handler.
   * @hint concept: five events matter. 'data' brings bytes, 'end' is the
   *   peer's FIN (RFC 9293 §3.6, a half-close), 'timeout' fires after the
   *   idle period set with setTimeout, 'error' reports a failure (and Node
   *   destroys the socket after it), 'close' is the end of everything.
   * @hint solution: arm the idle timer with #idleTimeoutMs; subscribe data, end
   *   and timeout to #onData, #onPeerEnd and #onIdle, each wrapped by #guard so
   *   a throw closes only this socket; hand 'error' to onError as it is; let
   *   'close' move to closed.
   */
  #listen(onError: (error: Error) => void): void {
    const socket = this.#socket;
    socket.setTimeout(this.#idleTimeoutMs);
    socket.on(
      "data",
      this.#guard((chunk: Buffer) => this.#onData(chunk)),
    );
    socket.on(
      "end",
      this.#guard(() => this.#onPeerEnd()),
    );
    socket.on(
      "timeout",
      this.#guard(() => this.#onIdle()),
    );
    socket.on("error", onError);
    socket.on("close", () => this.#transition("closed"));
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
   * @hint nudge: each chunk may complete zero, one or many lines, and each
   *   deserves its echo before anything else happens.
   * @hint concept: once closing, ignore input (we only drain it). Push the
   *   chunk into the framer and echo each complete line with back-pressure. An
   *   error means a line broke the limit: close with a notice naming it. After
   *   a shutdown request, close once no line is half-received.
   * @hint solution: ignore data unless open. Push the chunk to the framer and
   *   echo each line (writeWithBackPressure, echoLine). An error closes first
   *   with a notice naming its limit; else, when finishing and a line completed
   *   or nothing is pending, close first without one.
   */
  #onData(chunk: Buffer): void {
    if (this.#state !== "open") return; // lingering: read and discard
    const result = this.#framer.push(chunk);
    for (const line of result.lines)
      writeWithBackPressure(this.#socket, echoLine(line));
    if (result.kind === "error") {
      this.#closeFirst(`error: line too long (limit ${result.limit} bytes)\n`);
    } else if (
      this.#finishing &&
      (result.lines.length > 0 || this.#framer.pendingBytes === 0)
    ) {
      this.#closeFirst(); // shutting down: the line in progress is done
    }
  }

  /**
   * The peer sent FIN: answer what it sent, then close our side.
   *
   * @exercise
   * @hint nudge: the peer's FIN can arrive after we began closing ourselves.
   * @hint concept: only an open connection answers a half-close: move to
   *   closing, then let finishAfterPeerEnd echo the tail and end our side.
   * @hint solution: only an open connection reacts: move to closing through
   *   #transition, then let finishAfterPeerEnd answer what the framer still
   *   holds and end our side.
   */
  #onPeerEnd(): void {
    if (this.#state !== "open") return;
    this.#transition("closing");
    finishAfterPeerEnd(this.#socket, this.#framer);
  }

  /**
   * The socket's idle timeout fired: nothing moved for idleTimeoutMs.
   *
   * @exercise
   * @hint nudge: the same timer fires in two situations: the peer went quiet
   *   while open, or we are closing and it still does not finish.
   * @hint concept: while open, an idle peer gets a notice and our FIN (close
   *   first, it may still read). While closing, a second silence means the peer
   *   will not cooperate: destroy the socket.
   * @hint solution: if the state is open, #closeFirst with a notice that says
   *   how long it was idle; otherwise socket.destroy().
   */
  #onIdle(): void {
    if (this.#state === "open") {
      this.#closeFirst(`error: idle for ${this.#idleTimeoutMs} ms; closing\n`);
    } else {
      this.#socket.destroy(); // closing, and still nothing moves
    }
  }

  /**
   * The server is shutting down: finish now if idle, else after this line.
   *
   * @exercise
   * @hint nudge: a graceful shutdown must not cut a line in half.
   * @hint concept: remember that shutdown was asked for (#onData finishes it
   *   after the current line); if the connection is open and nothing is
   *   pending, close first now.
   * @hint solution: mark #finishing (a second call does nothing); when the
   *   connection is open and the framer holds no partial line, close first now;
   *   otherwise #onData closes once the line in progress completes.
   */
  #onShutdown(): void {
    if (this.#finishing) return;
    this.#finishing = true;
    if (this.#state === "open" && this.#framer.pendingBytes === 0)
      this.#closeFirst();
  }

  /**
   * We end first: say why, send FIN, then drain input for a while.
   *
   * @exercise
   * @hint nudge: closing first is different from answering the peer's FIN: the
   *   peer may still be sending, and unread input at close makes the kernel
   *   send RST.
   * @hint concept: change state to closing, send the notice (if any) with our
   *   FIN via end(), keep reading so input is drained and discarded, and
   *   destroy the socket when the linger period ends (RFC 9112 §9.6, the
   *   lingering close).
   * @hint solution: move to closing; end the socket, with the notice when there
   *   is one; resume reading so the peer's last bytes are drained, not left to
   *   block; and arm #linger with a timer that destroys the socket after
   *   #lingerMs.
   */
  #closeFirst(notice?: string): void {
    this.#transition("closing");
    if (notice === undefined) this.#socket.end();
    else this.#socket.end(notice);
    this.#socket.resume();
    this.#linger = setTimeout(() => this.#socket.destroy(), this.#lingerMs);
  }

  /**
   * A bug in this connection's code (or an exercise not written yet) closes
   * this connection and is reported through 'error'; it does not crash the
   * server and every other connection with it.
   *
   * @exercise
   * @hint nudge: an exception thrown in an event listener is nobody's to
   *   catch: it reaches the process and stops every connection at once.
   * @hint concept: Node's rule, not an RFC's: an exception in a listener
   *   becomes 'uncaughtException', which ends the process. Wrap the handler
   *   (same parameters) in try/catch and make a failure this socket's:
   *   destroy(error) ends it and emits 'error', like any socket failure.
   * @hint solution: the wrapper passes its arguments through to the handler
   *   unchanged; its catch destroys this connection's socket with what was
   *   thrown, turned into an Error first when it is not one (a thrown string
   *   becomes the message of a new Error).
   */
  #guard<A extends unknown[]>(
    handler: (...args: A) => void,
  ): (...args: A) => void {
    return (...args) => {
      try {
        handler(...args);
      } catch (error) {
        this.#socket.destroy(
          error instanceof Error ? error : new Error(String(error)),
        );
      }
    };
  }

  /**
   * The one place the state changes.
   *
   * @exercise
   * @hint nudge: closed is final: no event after 'close' may bring the
   *   connection back.
   * @hint concept: every state change goes through here, so this is where the
   *   rules live: ignore any move out of closed, record the new state, and on
   *   closed stop the linger timer so it cannot fire on a dead socket.
   * @hint solution: closed is final: a second call changes nothing. Otherwise
   *   store the new state, and on reaching closed clear the linger timer so it
   *   cannot fire on a socket already gone.
   */
  #transition(to: LineEchoState): void {
    if (this.#state === "closed") return;
    this.#state = to;
    if (to === "closed") clearTimeout(this.#linger);
  }
}
