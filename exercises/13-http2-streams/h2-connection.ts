// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * One HTTP/2 connection: frames in, frames out, streams in between
 * (RFC 9113 §5, §6).
 *
 *   socket ─▶ FrameDecoder (ch11) ─▶ onFrame ─┬─ connection frames:
 *                                             │  SETTINGS, PING, GOAWAY,
 *                                             │  WINDOW_UPDATE on 0
 *                                             └─ stream frames ─▶ Streams
 *   handler ◀─ HttpRequest ◀─ Streams ─▶ HttpResponse ─▶ Outbound ─▶ socket
 *
 * This file owns the connection as a whole: the frame loop, GOAWAY both
 * ways and the two-step shutdown, its timers and its end. The frames on
 * stream 0 (SETTINGS, PING, the connection window, PRIORITY_UPDATE) are
 * control-frames.ts; what happens to one stream, from HEADERS to the
 * last DATA, is streams.ts and the files it names.
 */
import type { Buffer } from "node:buffer";
import type { Socket } from "node:net";
import type { Connection, ConnectionInfo } from "#ch01/connection.ts";
import { socketClosed } from "#ch01/connection.ts";
import { destroyThis } from "#ch03/http1-connection.ts";
import type { Handler } from "#ch03/message.ts";
import { connectionError, type FrameError } from "#ch11/frame-error.ts";
import { FrameDecoder } from "#ch11/frame-decoder.ts";
import type { Frame } from "#ch11/frames.ts";
import { MAX_STREAM_ID } from "#ch11/frame-types.ts";
import { ControlFrames, SHUTDOWN_PING } from "./control-frames.ts";
import { type H2Options, resolveH2Options } from "./h2-options.ts";
import { Outbound } from "./outbound.ts";
import { Streams } from "./streams.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/** Where the connection is in its life; changed only by #moveTo. */
export type ConnectionPhase =
  /** Serving: new streams welcome. */
  | "open"
  /** shutdown(): GOAWAY(2^31-1) sent, a PING out to time the round trip. */
  | "draining"
  /** Final GOAWAY sent: no new streams; closes when the last one ends. */
  | "closing"
  /** The socket is ending or gone. */
  | "closed";

/** How long a closing socket may take to say goodbye before it is destroyed. */
const LINGER_MS = 2_000;

export class H2Connection implements Connection {
  readonly closed: Promise<void>;
  readonly options: H2Options;
  readonly out: Outbound;
  readonly streams: Streams;
  readonly #decoder = new FrameDecoder({ preface: "client" });
  #phase: ConnectionPhase = "open";
  #headersTimer: NodeJS.Timeout | undefined;
  #idleTimer: NodeJS.Timeout | undefined;
  #stallTimer: NodeJS.Timeout | undefined;
  #pingTimer: NodeJS.Timeout | undefined;
  /** The deadline of a closing socket's goodbye (#end). */
  #lingerTimer: NodeJS.Timeout | undefined;
  readonly control: ControlFrames;
  #peerSaidGoaway = false;

  constructor(
    readonly socket: Socket,
    info: ConnectionInfo,
    handler: Handler,
    options: Partial<H2Options> = {},
  ) {
    const o = resolveH2Options(options);
    this.options = o;
    this.closed = socketClosed(socket);
    this.control = new ControlFrames(this);
    this.streams = new Streams(this, info, handler);
    this.out = new Outbound(
      socket,
      this.streams.all,
      o.socketHighWaterMark,
      this.streams,
      o.clock,
    );
    socket.setNoDelay(true);
    socket.on("data", this.#onData);
    socket.on("error", destroyThis);
    socket.on("end", this.#onEnd);
    socket.on("close", this.#onClose);
    this.control.preface();
    this.#headersTimer = this.#timer(o.headersTimeoutMs, "no preface in time");
    this.#stallTimer = setInterval(
      () => this.#checkStalls(),
      Math.max(250, o.zeroWindowTimeoutMs / 4),
    );
    this.#stallTimer.unref();
    const streams = this.streams;
    o.watchdog?.(socket, {
      // Some request body is being read and the client owes its bytes.
      get awaitingBody() {
        return streams.awaitingBody;
      },
      abort: (error) =>
        this.fail(connectionError("ENHANCE_YOUR_CALM", error.reason)),
    });
  }

  get phase(): ConnectionPhase {
    return this.#phase;
  }

  get busy(): boolean {
    return this.streams.active > 0;
  }

  /**
   * The frame loop: bytes in, chapter 11's decoder out, one frame at a
   * time until it needs more bytes. It stops the moment the connection
   * closes, so nothing after a GOAWAY of ours is acted on.
   */
  readonly #onData = (chunk: Buffer): void => {
    this.#decoder.push(chunk);
    for (;;) {
      if (this.#phase === "closed") return;
      const result = this.#decoder.next();
      if (result.kind === "incomplete") return;
      if (result.kind === "error") this.#onError(result.error);
      else this.#onFrame(result.frame);
    }
  };

  /** A decoding error, by its scope (§5.4): the connection, or one stream. */
  #onError(error: FrameError): void {
    if (error.scope === "connection") this.fail(error);
    else this.streams.reset(error.streamId, error.code, error.reason);
  }

  /**
   * One frame, to the part of the connection it concerns.
   *
   * @exercise
   */
  #onFrame(frame: Frame): void {
    throw new NotImplemented({
      chapter: "13",
      name: "H2Connection.#onFrame",
      file: "exercises/13-http2-streams/h2-connection.ts",
      hint: "connection frames are handled here, stream frames go to this.streams; a few types are refused outright.",
    });
  }

  /** The client is leaving (§6.8): finish what is open, then close. */
  #onGoaway(): void {
    this.#peerSaidGoaway = true;
    if (this.streams.active === 0) this.#end();
  }

  /** New streams are still welcome (no final GOAWAY sent). */
  get accepting(): boolean {
    return this.#phase === "open" || this.#phase === "draining";
  }

  /**
   * The highest stream id we will still process, once the final GOAWAY is
   * out.
   */
  lastStreamId = MAX_STREAM_ID;

  /**
   * Graceful shutdown in two steps (§6.8): a GOAWAY with the largest id
   * tells the client to open no more streams, without refusing any it has
   * already sent; a PING's round trip later, every such stream has
   * arrived, and a second GOAWAY names the real last one.
   *
   * @exercise
   */
  shutdown(): void {
    throw new NotImplemented({
      chapter: "13",
      name: "H2Connection.shutdown",
      file: "exercises/13-http2-streams/h2-connection.ts",
      hint: "two GOAWAYs, a PING between them.",
    });
  }

  /**
   * Step two of the shutdown: the real last stream id.
   *
   * @exercise
   */
  finalGoaway(): void {
    throw new NotImplemented({
      chapter: "13",
      name: "H2Connection.finalGoaway",
      file: "exercises/13-http2-streams/h2-connection.ts",
      hint: "the round trip is over: name the last stream, close when it is done.",
    });
  }

  /** Called when the last active stream ends, or none is open. */
  idle(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    if (this.streams.active > 0) return;
    if (this.#phase === "closing" || this.#peerSaidGoaway) {
      this.#end();
      return;
    }
    if (this.#phase !== "open" || !this.control.sawSettings) return;
    this.#idleTimer = setTimeout(() => {
      this.lastStreamId = this.streams.highest;
      this.out.goaway(this.lastStreamId, "NO_ERROR", "idle");
      this.#end();
    }, this.options.idleTimeoutMs);
    this.#idleTimer.unref();
  }

  /** A stream opened: the idle clock stops. */
  busyAgain(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }

  /** A field block is open (CONTINUATION expected) or done. */
  headerBlock(open: boolean): void {
    clearTimeout(this.#headersTimer);
    if (open)
      this.#headersTimer = this.#timer(
        this.options.headersTimeoutMs,
        "field block too slow",
      );
  }

  #timer(ms: number, why: string): NodeJS.Timeout {
    const timer = setTimeout(
      () => this.fail(connectionError("ENHANCE_YOUR_CALM", why)),
      ms,
    );
    timer.unref();
    return timer;
  }

  /** Zero windows held past zeroWindowTimeoutMs (§6.9, §10.5). */
  #checkStalls(): void {
    const now = this.options.clock();
    const limit = this.options.zeroWindowTimeoutMs;
    const since = this.out.blockedSince;
    if (since !== undefined && now - since >= limit) {
      this.fail(
        connectionError("ENHANCE_YOUR_CALM", "connection window stalled"),
      );
      return;
    }
    this.streams.resetStalled(now, limit);
  }

  /** A connection error (§5.4.1): GOAWAY with its code, then close. */
  fail(error: FrameError): void {
    if (this.#phase === "closed") return;
    if (error.code !== "NO_ERROR") {
      this.options.logger.info?.("h2 connection error", {
        code: error.code,
        reason: error.reason,
      });
    }
    this.out.goaway(this.streams.highest, error.code, error.reason);
    this.#end();
  }

  /** Flush, FIN, and destroy if the client does not close in time. */
  #end(): void {
    if (this.#phase === "closed") return;
    this.#phase = "closed";
    this.#clearTimers();
    this.out.writer.flush();
    this.socket.end();
    this.#lingerTimer = setTimeout(() => this.socket.destroy(), LINGER_MS);
    this.#lingerTimer.unref();
  }

  readonly #onEnd = (): void => this.#lost("client closed the connection");

  /**
   * The socket has closed: every stream goes, then the connection lets go
   * of the socket, as chapter 03's does. Node keeps a closed socket's
   * objects until a later collection, and a listener or timer left behind
   * would keep this connection (its streams, its HPACK tables) with them.
   */
  readonly #onClose = (): void => {
    this.#lost("connection closed");
    const socket = this.socket;
    socket.off("data", this.#onData);
    socket.off("end", this.#onEnd);
    socket.off("close", this.#onClose);
    this.out.detach();
    clearTimeout(this.#lingerTimer);
  };

  /**
   * The client closed or the socket died: nobody to answer, let every
   * stream go.
   */
  #lost(why: string): void {
    if (this.#phase !== "closed") {
      this.#phase = "closed";
      this.#clearTimers();
    }
    this.streams.abandonAll(why);
  }

  /** Every timer the connection armed, so none fires on a closed connection. */
  #clearTimers(): void {
    this.control.stop();
    clearTimeout(this.#headersTimer);
    clearTimeout(this.#idleTimer);
    clearTimeout(this.#pingTimer);
    clearInterval(this.#stallTimer);
  }
}
