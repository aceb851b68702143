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
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { type Connection, connectionInfo, socketClosed } from "#ch01/connection.ts";
import { type RequestHead, RequestHeadParser } from "#ch02/request-head-parser.ts";
import { readingDecision } from "./back-pressure.ts";
import { type ConnectionError, framingOf } from "./body-decoder.ts";
import type { ConnectionOptions, WatchedConnection } from "./connection-options.ts";
import type { ConnectionState } from "./connection-state.ts";
import { DeadlineTimer } from "./deadline-timer.ts";
import { encodeError, encodeOrReplace, INTERNAL_ERROR } from "./error-response.ts";
import { IncomingBody } from "./incoming-body.ts";
import { ClientGone, ClientPresence, IncomingRequest } from "./incoming-request.ts";
import type { ConnectionInfo, Handler, HttpResponse, RequestBody } from "./message.ts";
import { isThenable } from "./is-thenable.ts";
import {
  type ReadMode,
  readIntoOwnBuffer,
  returnToStream,
  sharedReadBuffer,
} from "./own-buffer-reads.ts";
import { shouldKeepAlive } from "./persistence.ts";
import { runsAlone } from "./pipelining.ts";
import { BodyStream, EMPTY_BODY } from "./request-body.ts";
import type { RequestContext } from "./response-encoder.ts";
import { type ResponseSlot, ResponseQueue } from "./response-queue.ts";
import { type Outgoing, ResponseWriter, type WriterEvents } from "./response-writer.ts";
import { HEADERS_TIMEOUT, type TimerKind, timerFor } from "./timeouts.ts";
import { asksForUpgrade, encodeSwitch } from "./upgrade.ts";

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
  readonly closed: Promise<void>;

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
    this.#deadline = new DeadlineTimer(this.#onDeadline);
    this.#writer = new ResponseWriter(socket, this.#queue, this.#writerEvents, options.logger);
    this.#info = info;
    this.closed = socketClosed(socket);
    // Answer what was asked even after the client's FIN (RFC 9112 §9.6).
    socket.allowHalfOpen = true;
    socket.setNoDelay(true);
    this.#borrowed =
      options.readMode === "own-buffer" &&
      readIntoOwnBuffer(socket, sharedReadBuffer, this.#onData);
    if (!this.#borrowed) socket.on("data", this.#onData);
    socket.on("end", this.#onEnd);
    socket.on("error", this.#onError);
    socket.on("close", this.#onClose);
    socket.on("drain", this.#onDrain);
    this.#settle();
    options.watchdog?.(socket, this);
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
    return state === "head" || state === "body" || state === "closing" || state === "upgraded";
  }

  /**
   * Graceful stop, as Go's Server.Shutdown does it: an idle connection
   * closes now; a busy one answers what it has started with
   * `Connection: close` (RFC 9112 §9.6) and closes after it. A head half
   * received is still answered; requests pipelined behind it are not read
   * (the client retries them, RFC 9112 §9.3.2).
   */
  shutdown(): void {
    if (this.#draining) return;
    this.#draining = true;
    if (this.#state !== "idle") return; // head, body: onHead and #feedBody close after it
    if (this.#inFlight() === 0) {
      this.finish();
      return;
    }
    this.enter("closing");
    this.#inbox = undefined;
    this.#waiting = undefined; // pipelined behind: not read, as above
    this.#settle();
  }

  /** The one place state changes. Deadlines follow in #settle. */
  private enter(next: ConnectionState): void {
    if (this.#state === "closed" || this.#state === "upgraded") return;
    this.#state = next;
  }

  // ---- reading ---------------------------------------------------------

  readonly #onData = (chunk: Buffer): void => {
    const state = this.#state;
    if (state !== "idle" && state !== "head" && state !== "body") return; // discard
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
   */
  #limit(): number {
    if (this.#alone && this.#inFlight() === 0) this.#alone = false;
    return this.#alone ? 1 : this.#options.maxPipelinedRequests;
  }

  /**
   * Stop parsing heads: reading is paused, writes are blocked, the queue
   * is full, or a request that runs alone waits for earlier answers.
   */
  #mustWait(): boolean {
    const full = this.#inFlight() >= this.#limit();
    const waiting = this.#waiting !== undefined && this.#inFlight() > 0;
    return this.#paused || this.#writer.blocked || full || waiting;
  }

  /** Parses heads and feeds bodies until the input runs out or we must wait. */
  private process(input: Uint8Array): void {
    this.#processing = true;
    let rest = input;
    while (rest.length > 0 || this.#waiting !== undefined) {
      const state = this.#state;
      if (state === "body") rest = this.#feedBody(rest);
      else if (state !== "idle" && state !== "head") break;
      else if (this.#mustWait()) {
        // Back-pressure: keep the rest for when we resume, and stop reading.
        if (rest.length > 0) this.#inbox = this.#keep(rest);
        this.#paused = true;
        this.#socket.pause();
        break;
      } else if (this.#waiting !== undefined) {
        const head = this.#waiting;
        this.#waiting = undefined;
        rest = this.onHead(head, rest);
      } else rest = this.#parseHead(rest);
    }
    this.#processing = false;
  }

  #parseHead(input: Uint8Array): Uint8Array {
    this.enter("head");
    const result = this.#parser.push(input);
    if (result.kind === "incomplete") return NOTHING;
    if (result.kind === "error") {
      this.refuse(result.error, undefined);
      return NOTHING;
    }
    this.#parser.reset();
    this.enter("idle");
    // One request per read is the common case: no empty view to allocate.
    const { consumed } = result;
    const rest = consumed === input.length ? NOTHING : input.subarray(consumed);
    const { head } = result;
    if (runsAlone(head) && this.#inFlight() > 0) {
      this.#waiting = head; // RFC 9112 §9.3.2: after every earlier answer
      return rest;
    }
    return this.onHead(head, rest);
  }

  /** A complete head: frame its body, dispatch. */
  private onHead(head: RequestHead, rest: Uint8Array): Uint8Array {
    this.#requests++;
    const framing = framingOf(head);
    if (framing.kind === "error") {
      this.refuse(framing.error, undefined);
      return NOTHING;
    }
    this.#alone = runsAlone(head);
    const keepAlive =
      !this.#draining &&
      this.#requests < this.#options.maxRequestsPerConnection &&
      shouldKeepAlive(head.version, head.headers);
    const empty = framing.kind === "none" || (framing.kind === "length" && framing.length === 0);
    // An upgrade with a body is answered as plain HTTP (RFC 9110 §7.8 lets us).
    const upgradable = empty && asksForUpgrade(head);
    const ctx: RequestContext = {
      method: head.method,
      version: head.version,
      keepAlive,
      upgradable,
    };
    if (empty) {
      if (!keepAlive) this.enter("closing");
      if (upgradable) this.#holdAfterUpgrade(rest);
      this.dispatch(head, EMPTY_BODY, ctx, this.#queue.reserve());
      return upgradable ? NOTHING : rest;
    }
    const decoder = this.#options.bodyDecoders(head, framing);
    if (!("decode" in decoder)) {
      this.refuse(decoder, undefined);
      return NOTHING;
    }
    const length = framing.kind === "length" ? framing.length : undefined;
    const stream = new BodyStream(length, this.#options.bodyHighWaterMark, this.#onBodyDrained);
    const slot = this.#queue.reserve();
    this.#body = new IncomingBody(decoder, stream, slot, keepAlive, this.#writer.interim);
    this.enter("body");
    this.dispatch(head, stream, ctx, slot);
    return rest;
  }

  /** Pushes bytes through the body decoder; returns what is left over. */
  #feedBody(input: Uint8Array): Uint8Array {
    const body = this.#body;
    if (body === undefined) throw new Error("body state without a body");
    const fed = body.feed(input, this.#borrowed);
    if (fed.kind === "error") {
      this.refuse(fed.error, body.slot);
      return NOTHING;
    }
    if (fed.kind === "done") {
      this.#body = undefined;
      this.enter(body.keepAlive && !this.#draining ? "idle" : "closing");
    }
    return input.subarray(fed.consumed);
  }

  /**
   * The bytes after an upgrade request wait, unread, for its answer: they
   * are the next request if the handler declines, or the new protocol's
   * first bytes if it switches.
   */
  #holdAfterUpgrade(rest: Uint8Array): void {
    if (rest.length > 0) this.#inbox = this.#keep(rest);
    this.#paused = true;
    this.#socket.pause();
  }

  /** The 101 is written: the socket belongs to the new protocol now. */
  #switchProtocols(upgrade: (stream: Duplex) => void): void {
    const socket = this.#socket;
    this.enter("upgraded");
    this.#detach();
    this.#writer.stop();
    if (this.#borrowed) returnToStream(socket); // the new owner reads 'data'
    const leftover = this.#inbox;
    this.#inbox = undefined;
    if (leftover !== undefined) socket.unshift(leftover);
    try {
      upgrade(socket);
    } catch (error) {
      this.#options.logger.error("upgrade failed", { error });
      socket.destroy();
    }
  }

  // ---- dispatching -----------------------------------------------------

  private dispatch(
    head: RequestHead,
    body: RequestBody,
    ctx: RequestContext,
    slot: ResponseSlot<Outgoing>,
  ): void {
    const request = new IncomingRequest(head, body, this.#info, this.#presence);
    let result: HttpResponse | Promise<HttpResponse>;
    try {
      result = this.#handler(request);
    } catch (error) {
      this.#handlerFailed(slot, ctx, request, error);
      return;
    }
    if (isThenable<HttpResponse>(result)) {
      result.then(
        (response) => this.#complete(slot, ctx, request, response),
        (error: unknown) => this.#handlerFailed(slot, ctx, request, error),
      );
    } else this.#complete(slot, ctx, request, result);
  }

  #complete(
    slot: ResponseSlot<Outgoing>,
    ctx: RequestContext,
    request: IncomingRequest,
    response: HttpResponse,
  ): void {
    const { body } = request;
    const upgrade = typeof response === "object" ? response?.upgrade : undefined;
    if (upgrade !== undefined || response?.status === 101) {
      this.#completeSwitch(slot, ctx, request, response);
      return;
    }
    const encoded = encodeOrReplace(response, this.#answered(slot, ctx, response), this.#options);
    if (this.#queue.fill(slot, { encoded, body, request })) this.#writer.flush();
  }

  /** A 101 answer: valid only with an upgrade callback, for a request that asked. */
  #completeSwitch(
    slot: ResponseSlot<Outgoing>,
    ctx: RequestContext,
    request: IncomingRequest,
    response: HttpResponse,
  ): void {
    const date = this.#options.dateCache.current();
    const asked = ctx.upgradable === true && response.upgrade !== undefined;
    const encoded = encodeSwitch(response, asked, date);
    if (encoded.kind === "invalid") {
      const reason = response.upgrade === undefined ? "101 without upgrade()" : encoded.reason;
      this.#options.logger.error("response cannot be sent", { reason });
      const error = encodeError(INTERNAL_ERROR, ctx, this.#options);
      if (this.#queue.fill(slot, { encoded: error, body: request.body, request })) {
        this.#writer.flush();
      }
      return;
    }
    const item = { encoded, body: request.body, request, upgrade: response.upgrade };
    if (this.#queue.fill(slot, item)) this.#writer.flush();
  }

  /**
   * A handler threw or rejected. When the client has gone (its body ended
   * early, the socket closed) that is the client's doing, not a bug: it is
   * noted at level info, and the 500 goes nowhere anyway.
   */
  #handlerFailed(
    slot: ResponseSlot<Outgoing>,
    ctx: RequestContext,
    request: IncomingRequest,
    error: unknown,
  ): void {
    const { logger } = this.#options;
    const gone = error instanceof ClientGone || this.#presence.gone !== undefined;
    const fields = { method: request.method, target: request.target, error };
    if (gone) logger.info?.("client went away", fields);
    else logger.error("handler failed", fields);
    const encoded = encodeError(INTERNAL_ERROR, this.#answered(slot, ctx), this.#options);
    if (this.#queue.fill(slot, { encoded, body: request.body, request })) this.#writer.flush();
  }

  /**
   * Whether the answer keeps the connection: not after shutdown(), nor
   * when the unreadBody policy closes rather than drain a body not read.
   */
  #answered(slot: ResponseSlot<Outgoing>, ctx: RequestContext, response?: unknown): RequestContext {
    const body = this.#body;
    const inSync = body?.slot !== slot || body.drains(this.#options.unreadBody, response);
    return inSync && !this.#draining ? ctx : { ...ctx, keepAlive: false };
  }

  /**
   * Answers with error.status and its reason, then closes: after a bad
   * head we cannot know where the next request starts (RFC 9112 §2.2).
   */
  private refuse(error: ConnectionError, slot: ResponseSlot<Outgoing> | undefined): void {
    const ctx: RequestContext = { method: "GET", version: "HTTP/1.1", keepAlive: false };
    const encoded = encodeError(error, ctx, this.#options);
    this.enter("closing");
    this.#parser.reset();
    // If the handler already answered this request, just close after it.
    this.#queue.fill(slot ?? this.#queue.reserve(), { encoded, body: EMPTY_BODY });
    this.#writer.flush();
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
      if (this.#state === "closing" && this.#queue.size === 0) this.finish();
      else if (!this.#processing) this.#settle(); // the read loop settles once, at its end
    },
  };

  /** Everything owed is written: half-close and linger (RFC 9112 §9.6). */
  private finish(): void {
    this.#queue.clear();
    this.#body?.stream.fail(new Error("connection closing"));
    this.#body = undefined;
    this.#inbox = undefined;
    this.enter("lingering");
    this.#writer.release(); // every answer goes before our FIN
    this.#socket.end();
    this.#paused = false;
    this.#socket.resume(); // read and discard until the peer's FIN
    this.#settle();
  }

  // ---- flow control and deadlines --------------------------------------

  /** Responses owed: queued (pending or ready) plus one being streamed. */
  #inFlight(): number {
    return this.#queue.size + (this.#writer.streaming ? 1 : 0);
  }

  /** End of every event: pause or resume reading, re-arm the deadline. */
  #settle(): void {
    const state = this.#state;
    if (state === "idle" || state === "head" || state === "body") this.#updateReading();
    this.#applyTimer();
  }

  #updateReading(): void {
    const decision = readingDecision({
      paused: this.#paused,
      inFlight: this.#inFlight(),
      // While a body is read, its own request is in flight: never wait on it.
      maxInFlight: this.#body === undefined ? this.#limit() : this.#options.maxPipelinedRequests,
      writeBlocked: this.#writer.blocked,
      bodyBlocked: this.#body?.stream.full ?? false,
    });
    if (decision === "pause") {
      this.#paused = true;
      this.#socket.pause();
    } else if (decision === "resume") {
      this.#paused = false;
      const inbox = this.#inbox;
      if ((inbox !== undefined || this.#waiting !== undefined) && !this.#processing) {
        this.#inbox = undefined;
        this.#writer.cork();
        this.process(inbox ?? NOTHING);
        if (this.#paused || this.#inbox !== undefined) {
          this.#applyTimer();
          return;
        }
      }
      this.#socket.resume();
    }
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

  /** The client sent FIN: answer what it asked, then close. */
  readonly #onEnd = (): void => {
    if (this.#state === "lingering") {
      this.#socket.destroy();
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
  };

  readonly #onDrain = (): void => {
    this.#writer.drained();
    this.#settle();
  };

  readonly #onBodyDrained = (): void => {
    if (this.#paused) this.#settle();
  };

  /** Stops listening: the socket belongs to someone else now. */
  #detach(): void {
    const socket = this.#socket;
    if (!this.#borrowed) socket.off("data", this.#onData);
    socket.off("end", this.#onEnd);
    socket.off("error", this.#onError);
    socket.off("close", this.#onClose);
    socket.off("drain", this.#onDrain);
    this.#deadline.stop();
  }
}
