// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * One HTTP/1.1 connection: a socket, a parser, a queue of responses.
 *
 * The serve loop, as Go's net/http reads it: read a head, decide whether
 * the connection outlives this exchange (RFC 9112 §9.3), hand the request
 * to the handler, write its response in request order, wait idle, repeat.
 * Pipelined safe requests are parsed while earlier handlers run; an unsafe
 * one or an upgrade runs alone (§9.3.2, pipelining.ts). The socket is
 * paused when too many are in flight or the peer stops reading.
 *
 * States are in connection-state.ts; only enter() changes them, and #settle
 * re-arms the one deadline the state needs at the end of every event.
 */
import { Buffer } from "node:buffer";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import {
  type Connection,
  connectionInfo,
  socketClosed,
} from "#ch01/connection.ts";
import {
  type RequestHead,
  RequestHeadParser,
} from "#ch02/request-head-parser.ts";
import { readingDecision } from "./back-pressure.ts";
import { type ConnectionError, framingOf } from "./body-decoder.ts";
import type {
  ConnectionOptions,
  WatchedConnection,
} from "./connection-options.ts";
import type { ConnectionState } from "./connection-state.ts";
import { DeadlineTimer } from "./deadline-timer.ts";
import {
  encodeError,
  encodeOrReplace,
  INTERNAL_ERROR,
} from "./error-response.ts";
import { IncomingBody } from "./incoming-body.ts";
import {
  ClientGone,
  ClientPresence,
  IncomingRequest,
} from "./incoming-request.ts";
import type {
  ConnectionInfo,
  Handler,
  HttpResponse,
  RequestBody,
} from "./message.ts";
import { isThenable } from "./is-thenable.ts";
import {
  type ReadMode,
  readIntoOwnBufferWith,
  returnToStream,
  sharedReadBuffer,
  takeHeld,
} from "./own-buffer-reads.ts";
import { shouldKeepAlive } from "./persistence.ts";
import { runsAlone } from "./pipelining.ts";
import { BodyStream, EMPTY_BODY } from "./request-body.ts";
import type { RequestContext } from "./response-encoder.ts";
import { type ResponseSlot, ResponseQueue } from "./response-queue.ts";
import {
  type Outgoing,
  ResponseWriter,
  type WriterEvents,
} from "./response-writer.ts";
import { HEADERS_TIMEOUT, type TimerKind, timerFor } from "./timeouts.ts";
import { asksForUpgrade, encodeSwitch } from "./upgrade.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/** What is left of the input once it is all used (or thrown away). */
const NOTHING = new Uint8Array(0);

export class Http1Connection implements Connection, WatchedConnection {
  readonly #socket: Socket;
  readonly #handler: Handler;
  readonly #options: ConnectionOptions;
  readonly #parser: RequestHeadParser;
  readonly #queue = new ResponseQueue<Outgoing>();
  readonly #info: ConnectionInfo;
  #state: ConnectionState = "idle";
  #requests = 0;
  /** When the connection opened, for maxConnectionAgeMs. */
  readonly #openedAt: number;
  /** Bytes read but not parsed because reading is paused. */
  #inbox: Uint8Array | undefined;
  #processing = false;
  #paused = false;
  #body: IncomingBody<ResponseSlot<Outgoing>> | undefined;
  readonly #deadline: DeadlineTimer;
  readonly #writer: ResponseWriter;
  /** Reads arrive in the shared buffer: bytes kept past a read are copied. */
  readonly #borrowed: boolean;
  /** The signals handlers hold, fired when the client goes away. */
  readonly #presence = new ClientPresence();
  /** The last request dispatched runs alone (pipelining.ts). */
  #alone = false;
  /** A parsed head that runs alone, waiting for earlier answers. */
  #waiting: RequestHead | undefined;
  /** shutdown() was called: every response from now on closes. */
  #draining = false;
  /** The request being read asked to close (Connection: close, HTTP/1.0). */
  #closeAsked = false;
  /**
   * That request was read whole, and nothing after it was left unread:
   * finish() need not linger (see there).
   */
  #clientClosed = false;
  /** Made when first asked for: most connections are never awaited. */
  #closed: Promise<void> | undefined;

  constructor(
    socket: Socket,
    handler: Handler,
    options: ConnectionOptions,
    info: ConnectionInfo = connectionInfo(socket),
  ) {
    this.#socket = socket;
    this.#handler = handler;
    this.#options = options;
    this.#parser = new RequestHeadParser(options.parserLimits);
    this.#openedAt = options.clock();
    this.#deadline = new DeadlineTimer(this.#onDeadline);
    this.#writer = new ResponseWriter(
      socket,
      this.#queue,
      this.#writerEvents,
      options.logger,
    );
    this.#info = info;
    // Answer what was asked even after the client's FIN (RFC 9112 §9.6).
    socket.allowHalfOpen = true;
    socket.setNoDelay(true);
    // What a preface check read and put back (protocol-choice.ts) is ours
    // to process first; with it out of the stream, the reads can still
    // come into our buffer (own-buffer-reads.ts).
    const held = takeHeld(socket);
    this.#borrowed =
      options.readMode === "own-buffer" &&
      readIntoOwnBufferWith(socket, sharedReadBuffer, this.#onRead);
    if (!this.#borrowed) socket.on("data", this.#onData);
    socket.on("end", this.#onEnd);
    socket.on("error", this.#onError);
    socket.on("close", this.#onClose);
    socket.on("drain", this.#onDrain);
    this.#settle();
    options.watchdog?.(socket, this);
    // Held bytes may be borrowed (takeHeld): copied if reads are not.
    if (held !== undefined)
      this.#onData(this.#borrowed ? held : Buffer.from(held));
  }

  /** Settles when the socket has closed (chapter 01's Connection). */
  get closed(): Promise<void> {
    this.#closed ??= socketClosed(this.#socket);
    return this.#closed;
  }

  /** Chapter 10's minimum body data rate applies only while this holds. */
  get awaitingBody(): boolean {
    return this.#state === "body" && !this.#paused;
  }

  /** A watchdog's verdict: answer it mid-body, else just close. */
  abort(error: ConnectionError): void {
    if (this.#state === "body") this.refuse(error, this.#body?.slot);
    else this.#socket.destroy();
  }

  /** How this connection gets its bytes (own-buffer-reads.ts). */
  get readMode(): ReadMode {
    return this.#borrowed ? "own-buffer" : "stream";
  }

  /** A request is arriving, being answered, or its response is owed. */
  get busy(): boolean {
    const state = this.#state;
    if (state === "idle") return this.#inFlight() > 0;
    return (
      state === "head" ||
      state === "body" ||
      state === "closing" ||
      state === "upgraded"
    );
  }

  /**
   * Graceful stop, as Go's Server.Shutdown does it: an idle connection
   * closes now; a busy one answers what it has started with
   * `Connection: close` (RFC 9112 §9.6) and closes after it. A head half
   * received is still answered; requests pipelined behind it are not read
   * (the client retries them, RFC 9112 §9.3.2).
   *
   * @exercise
   */
  shutdown(): void {
    throw new NotImplemented({
      chapter: "03",
      name: "Http1Connection.shutdown",
      file: "exercises/03-keep-alive/http1-connection.ts",
      hint: "a graceful stop must not cut off a response in progress, nor wait for an idle client.",
    });
  }

  /**
   * The one place state changes. Deadlines follow in #settle.
   *
   * @exercise
   */
  private enter(next: ConnectionState): void {
    throw new NotImplemented({
      chapter: "03",
      name: "Http1Connection.enter",
      file: "exercises/03-keep-alive/http1-connection.ts",
      hint: "two states are final, and a new state is a new deadline.",
    });
  }

  // ---- reading ---------------------------------------------------------

  /** A read into the shared buffer (own-buffer-reads.ts): its view. */
  readonly #onRead = (length: number, into: Buffer): void => {
    this.#onData(into.subarray(0, length));
  };

  readonly #onData = (chunk: Buffer): void => {
    const state = this.#state;
    // Closing or closed: bytes that arrive now are discarded.
    if (state !== "idle" && state !== "head" && state !== "body") {
      this.#clientClosed = false; // unread bytes: linger after all
      return;
    }
    this.#writer.hold(); // every answer this chunk produces leaves in one write
    const inbox = this.#inbox;
    this.#inbox = undefined;
    this.process(inbox === undefined ? chunk : Buffer.concat([inbox, chunk]));
    this.#settle();
    this.#writer.release();
  };

  /** Bytes that must outlive this read: a copy if they are borrowed. */
  #keep(bytes: Uint8Array): Uint8Array {
    return this.#borrowed && bytes.length > 0 ? Buffer.from(bytes) : bytes;
  }

  /**
   * Requests that may be in flight before we stop parsing: the configured
   * pipeline depth, or 1 while a request that runs alone is answered.
   *
   * @exercise
   */
  #limit(): number {
    throw new NotImplemented({
      chapter: "03",
      name: "Http1Connection.#limit",
      file: "exercises/03-keep-alive/http1-connection.ts",
      hint: "an unsafe request runs alone; once it is answered, pipelining resumes.",
    });
  }

  /**
   * Stop parsing heads: reading is paused, writes are blocked, the queue
   * is full, or a request that runs alone waits for earlier answers.
   *
   * @exercise
   */
  #mustWait(): boolean {
    throw new NotImplemented({
      chapter: "03",
      name: "Http1Connection.#mustWait",
      file: "exercises/03-keep-alive/http1-connection.ts",
      hint: "pipelining is bounded: we stop parsing new requests rather than queue answers without limit.",
    });
  }

  /**
   * Parses heads and feeds bodies until the input runs out or we must wait.
   *
   * @exercise
   */
  private process(input: Uint8Array): void {
    throw new NotImplemented({
      chapter: "03",
      name: "Http1Connection.process",
      file: "exercises/03-keep-alive/http1-connection.ts",
      hint: "one read can hold several requests, or half of one; the loop runs until the input is used up or we must wait.",
    });
  }

  /**
   * One head from the input: parsed, refused, or waiting to run alone.
   *
   * @exercise
   */
  #parseHead(input: Uint8Array): Uint8Array {
    throw new NotImplemented({
      chapter: "03",
      name: "Http1Connection.#parseHead",
      file: "exercises/03-keep-alive/http1-connection.ts",
      hint: "the parser may need more bytes, may fail, or may finish a head with bytes left over that belong to the body or the next request.",
    });
  }

  /**
   * A complete head: frame its body, dispatch.
   *
   * @exercise
   */
  private onHead(head: RequestHead, rest: Uint8Array): Uint8Array {
    throw new NotImplemented({
      chapter: "03",
      name: "Http1Connection.onHead",
      file: "exercises/03-keep-alive/http1-connection.ts",
      hint: "a complete head decides how much of the input is its body, and whether the connection outlives this exchange.",
    });
  }

  /**
   * May this connection take another request after this one? Its count
   * and its age are both bounded (connection-options.ts); past either,
   * this response says Connection: close and we linger (RFC 9112 §9.6).
   */
  #withinLimits(): boolean {
    const o = this.#options;
    return (
      this.#requests < o.maxRequestsPerConnection &&
      o.clock() - this.#openedAt < o.maxConnectionAgeMs
    );
  }

  /**
   * Pushes bytes through the body decoder; returns what is left over.
   *
   * @exercise
   */
  #feedBody(input: Uint8Array): Uint8Array {
    throw new NotImplemented({
      chapter: "03",
      name: "Http1Connection.#feedBody",
      file: "exercises/03-keep-alive/http1-connection.ts",
      hint: "the body decoder says how many of these bytes were body; the rest is the next request.",
    });
  }

  /**
   * The bytes after an upgrade request wait, unread, for its answer: they
   * are the next request if the handler declines, or the new protocol's
   * first bytes if it switches.
   *
   * @exercise
   */
  #holdAfterUpgrade(rest: Uint8Array): void {
    throw new NotImplemented({
      chapter: "03",
      name: "Http1Connection.#holdAfterUpgrade",
      file: "exercises/03-keep-alive/http1-connection.ts",
      hint: "the bytes after an upgrade request are either the next request or the new protocol's: nobody can tell until the handler answers.",
    });
  }

  /**
   * The 101 is written: the socket belongs to the new protocol now.
   *
   * @exercise
   */
  #switchProtocols(upgrade: (stream: Duplex) => void): void {
    throw new NotImplemented({
      chapter: "03",
      name: "Http1Connection.#switchProtocols",
      file: "exercises/03-keep-alive/http1-connection.ts",
      hint: "after the 101, the socket belongs to someone else: this connection must let go of it completely.",
    });
  }

  // ---- dispatching -----------------------------------------------------

  /**
   * Runs the handler for one request; its answer fills `slot`.
   *
   * @exercise
   */
  private dispatch(
    head: RequestHead,
    body: RequestBody,
    ctx: RequestContext,
    slot: ResponseSlot<Outgoing>,
  ): void {
    throw new NotImplemented({
      chapter: "03",
      name: "Http1Connection.dispatch",
      file: "exercises/03-keep-alive/http1-connection.ts",
      hint: "a handler may answer at once or later, and it may throw either way.",
    });
  }

  /**
   * The handler answered: encode it into its slot, write what is ready.
   *
   * @exercise
   */
  #complete(
    slot: ResponseSlot<Outgoing>,
    ctx: RequestContext,
    request: IncomingRequest,
    response: HttpResponse,
  ): void {
    throw new NotImplemented({
      chapter: "03",
      name: "Http1Connection.#complete",
      file: "exercises/03-keep-alive/http1-connection.ts",
      hint: "an answer fills the slot reserved for it; only then can it be written, and only if every earlier answer is out.",
    });
  }

  /**
   * A 101 answer: valid only with an upgrade callback, for a request that
   * asked.
   *
   * @exercise
   */
  #completeSwitch(
    slot: ResponseSlot<Outgoing>,
    ctx: RequestContext,
    request: IncomingRequest,
    response: HttpResponse,
  ): void {
    throw new NotImplemented({
      chapter: "03",
      name: "Http1Connection.#completeSwitch",
      file: "exercises/03-keep-alive/http1-connection.ts",
      hint: "a 101 from a handler is a promise to hand the socket over; check it before writing it.",
    });
  }

  /**
   * A handler threw or rejected. When the client has gone (its body ended
   * early, the socket closed) that is the client's doing, not a bug: it is
   * noted at level info, and the 500 goes nowhere anyway.
   *
   * @exercise
   */
  #handlerFailed(
    slot: ResponseSlot<Outgoing>,
    ctx: RequestContext,
    request: IncomingRequest,
    error: unknown,
  ): void {
    throw new NotImplemented({
      chapter: "03",
      name: "Http1Connection.#handlerFailed",
      file: "exercises/03-keep-alive/http1-connection.ts",
      hint: "a handler failing because the client left is not a bug.",
    });
  }

  /**
   * Whether the answer keeps the connection: not after shutdown(), nor
   * when the unreadBody policy closes rather than drain a body not read.
   *
   * @exercise
   */
  #answered(
    slot: ResponseSlot<Outgoing>,
    ctx: RequestContext,
    response?: unknown,
  ): RequestContext {
    throw new NotImplemented({
      chapter: "03",
      name: "Http1Connection.#answered",
      file: "exercises/03-keep-alive/http1-connection.ts",
      hint: "an answer sent before its request's body was read may leave the connection out of step.",
    });
  }

  /**
   * Answers with error.status and its reason, then closes: after a bad
   * head we cannot know where the next request starts (RFC 9112 §2.2).
   *
   * @exercise
   */
  private refuse(
    error: ConnectionError,
    slot: ResponseSlot<Outgoing> | undefined,
  ): void {
    throw new NotImplemented({
      chapter: "03",
      name: "Http1Connection.refuse",
      file: "exercises/03-keep-alive/http1-connection.ts",
      hint: "after a bad head we cannot know where the next request starts.",
    });
  }

  // ---- writing ---------------------------------------------------------

  /** ResponseWriter's callbacks. */
  readonly #writerEvents: WriterEvents = {
    answered: (item) => {
      if (item.body instanceof BodyStream) item.body.discard();
      item.request?.answered();
    },
    switched: (upgrade) => this.#switchProtocols(upgrade),
    closed: () => this.finish(),
    waiting: () => {
      // Closing with nothing queued: finish. Otherwise settle now, unless
      // the read loop is running: it settles once, at its end.
      if (this.#state === "closing" && this.#queue.size === 0) this.finish();
      else if (!this.#processing) this.#settle();
    },
  };

  /**
   * Everything owed is written: half-close and linger (RFC 9112 §9.6).
   * Lingering guards against bytes the client may still send; a client
   * that said Connection: close itself and left nothing unread will send
   * none (RFC 9112 §9.6: it MUST NOT send further requests), so then the
   * socket closes as soon as our FIN is out, as nginx's lingering_close
   * heuristic does: no wait, no read and no wake-up for the client's FIN.
   *
   * @exercise
   */
  private finish(): void {
    throw new NotImplemented({
      chapter: "03",
      name: "Http1Connection.finish",
      file: "exercises/03-keep-alive/http1-connection.ts",
      hint: "closing well means: everything owed is written, then FIN, then read and discard until the peer's FIN.",
    });
  }

  // ---- flow control and deadlines --------------------------------------

  /** Responses owed: queued (pending or ready) plus one being streamed. */
  #inFlight(): number {
    return this.#queue.size + (this.#writer.streaming ? 1 : 0);
  }

  /**
   * End of every event: pause or resume reading, re-arm the deadline.
   *
   * @exercise
   */
  #settle(): void {
    throw new NotImplemented({
      chapter: "03",
      name: "Http1Connection.#settle",
      file: "exercises/03-keep-alive/http1-connection.ts",
      hint: "every event ends the same way: decide about reading, re-arm the deadline.",
    });
  }

  /**
   * Pauses or resumes the socket, and processes kept input on resume.
   *
   * @exercise
   */
  #updateReading(): void {
    throw new NotImplemented({
      chapter: "03",
      name: "Http1Connection.#updateReading",
      file: "exercises/03-keep-alive/http1-connection.ts",
      hint: "reading is paused for three reasons and resumed when none holds.",
    });
  }

  #applyTimer(): void {
    this.#deadline.set(timerFor(this.#state, this.#inFlight(), this.#options));
  }

  readonly #onDeadline = (kind: TimerKind): void => {
    if (kind === "head") this.refuse(HEADERS_TIMEOUT, undefined);
    else if (kind === "idle") this.finish();
    else this.#socket.destroy();
  };

  // ---- socket events ---------------------------------------------------

  /**
   * The client sent FIN: answer what it asked, then close. While we
   * linger, our answer and FIN may still be on their way out (a large
   * body, a slow reader): close once they are, not now, which would throw
   * away what is not yet written.
   */
  readonly #onEnd = (): void => {
    if (this.#state === "lingering") {
      closeWhenFlushed(this.#socket);
      return;
    }
    this.enter("closing");
    this.#inbox = undefined;
    this.#waiting = undefined;
    this.#presence.leave("the client closed its side");
    this.#body?.stream.fail(new ClientGone("client closed mid-body"));
    if (this.#inFlight() === 0) this.finish();
    else this.#settle();
  };

  readonly #onError = (error: NodeJS.ErrnoException): void => {
    if (error.code !== "ECONNRESET" && error.code !== "EPIPE") {
      this.#options.logger.error("socket error", { error });
    }
    this.#socket.destroy();
  };

  readonly #onClose = (): void => {
    this.enter("closed");
    this.#deadline.stop();
    this.#queue.clear();
    this.#presence.leave("connection closed");
    this.#body?.stream.fail(new ClientGone("connection closed"));
    this.#body = undefined;
    this.#writer.stop();
    // Let go of the socket: node keeps a closed socket's objects until a
    // later collection, and a listener left on it would keep this
    // connection, its parser and its writer with them, to be copied and
    // promoted by the collector (notes 09, "What a closed socket keeps").
    this.#detach();
    if (this.#borrowed) returnToStream(this.#socket);
  };

  readonly #onDrain = (): void => {
    this.#writer.drained();
    this.#settle();
  };

  readonly #onBodyDrained = (): void => {
    if (this.#paused) this.#settle();
  };

  /**
   * Stops listening: the socket belongs to someone else now.
   *
   * @exercise
   */
  #detach(): void {
    throw new NotImplemented({
      chapter: "03",
      name: "Http1Connection.#detach",
      file: "exercises/03-keep-alive/http1-connection.ts",
      hint: "a socket handed to another protocol must not keep calling this connection.",
    });
  }
}

/**
 * Destroy the socket once everything written, FIN included, has been
 * handed to the kernel ('finish'), or now if that already happened.
 * 'finish' comes once, and Node calls a listener with the socket as
 * `this`: one function serves every socket, with no closure to make and
 * no wrapper of `once`. Asked twice (a quiet close, then the client's
 * FIN), it listens once.
 */
function closeWhenFlushed(socket: Socket): void {
  if (socket.writableFinished) socket.destroy();
  else if (socket.listenerCount("finish", destroyThis) === 0)
    socket.on("finish", destroyThis);
}

/**
 * A listener that destroys the socket it is called on: node calls a
 * listener with its emitter as `this`, so one function serves every
 * socket (for 'finish' here, for 'error' on chapter 09's and 13's), with
 * no closure per socket and nothing captured that a closed socket could
 * keep alive.
 */
export function destroyThis(this: Socket): void {
  this.destroy();
}
