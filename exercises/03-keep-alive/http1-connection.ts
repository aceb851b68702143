/**
 * One HTTP/1.1 connection: a socket, a parser, a queue of responses.
 *
 * The serve loop, as Go's net/http reads it: read a head, decide whether
 * the connection outlives this exchange (RFC 9112 §9.3), hand the request
 * to the handler, write its response in request order, wait idle, repeat.
 * Pipelined requests are parsed while earlier handlers run (§9.3.2); the
 * socket is paused when too many are in flight or the peer stops reading.
 *
 * States are in connection-state.ts; only enter() changes them, and #settle
 * re-arms the one deadline the state needs at the end of every event.
 */
import type { Socket } from "node:net";
import { type Connection, connectionInfo, socketClosed } from "#ch01/connection.ts";
import { type RequestHead, RequestHeadParser } from "#ch02/request-head-parser.ts";
import { readingDecision } from "./back-pressure.ts";
import { type ConnectionError, framingOf } from "./body-decoder.ts";
import type { ConnectionOptions } from "./connection-options.ts";
import type { ConnectionState } from "./connection-state.ts";
import { DeadlineTimer } from "./deadline-timer.ts";
import { encodeError, encodeOrReplace, INTERNAL_ERROR } from "./error-response.ts";
import { IncomingBody } from "./incoming-body.ts";
import type { ConnectionInfo, Handler, HttpRequest, HttpResponse, RequestBody } from "./message.ts";
import { isThenable } from "./is-thenable.ts";
import {
  type ReadMode,
  readIntoOwnBuffer,
  returnToStream,
  sharedReadBuffer,
} from "./own-buffer-reads.ts";
import { shouldKeepAlive } from "./persistence.ts";
import { BodyStream, EMPTY_BODY } from "./request-body.ts";
import type { RequestContext } from "./response-encoder.ts";
import { type ResponseSlot, ResponseQueue } from "./response-queue.ts";
import { type Outgoing, ResponseWriter, type WriterEvents } from "./response-writer.ts";
import { HEADERS_TIMEOUT, type TimerKind, timerFor } from "./timeouts.ts";
import { asksForUpgrade } from "./upgrade.ts";

/** What is left of the input once it is all used (or thrown away). */
const NOTHING = new Uint8Array(0);

export class Http1Connection implements Connection {
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

  /** Stop parsing heads: reading is paused, writes are blocked, or the queue is full. */
  #mustWait(): boolean {
    const full = this.#inFlight() >= this.#options.maxPipelinedRequests;
    return this.#paused || this.#writer.blocked || full;
  }

  /** Parses heads and feeds bodies until the input runs out or we must wait. */
  private process(input: Uint8Array): void {
    this.#processing = true;
    let rest = input;
    while (rest.length > 0) {
      const state = this.#state;
      if (state === "body") rest = this.#feedBody(rest);
      else if (state !== "idle" && state !== "head") break;
      else if (this.#mustWait()) {
        // Back-pressure: keep the rest for when we resume, and stop reading.
        this.#inbox = this.#keep(rest);
        this.#paused = true;
        this.#socket.pause();
        break;
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
    return this.onHead(result.head, rest);
  }

  /** A complete head: frame its body, maybe upgrade, dispatch. */
  private onHead(head: RequestHead, rest: Uint8Array): Uint8Array {
    this.#requests++;
    const framing = framingOf(head);
    if (framing.kind === "error") {
      this.refuse(framing.error, undefined);
      return NOTHING;
    }
    if (this.#options.upgrade !== undefined && this.#tryUpgrade(head, rest)) return NOTHING;
    const keepAlive =
      !this.#draining &&
      this.#requests < this.#options.maxRequestsPerConnection &&
      shouldKeepAlive(head.version, head.headers);
    const ctx: RequestContext = { method: head.method, version: head.version, keepAlive };
    if (framing.kind === "none" || (framing.kind === "length" && framing.length === 0)) {
      if (!keepAlive) this.enter("closing");
      this.dispatch(head, EMPTY_BODY, ctx, this.#queue.reserve());
      return rest;
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

  /** Hands the socket to the upgrade hook if the request asks for it. */
  #tryUpgrade(head: RequestHead, rest: Uint8Array): boolean {
    const hook = this.#options.upgrade;
    if (hook === undefined || this.#inFlight() > 0 || !asksForUpgrade(head)) return false;
    this.#writer.release(); // earlier answers go before the hook's bytes
    this.#socket.pause();
    if (!hook(head, this.#socket, this.#keep(rest))) {
      this.#socket.resume();
      return false;
    }
    this.enter("upgraded");
    this.#detach();
    if (this.#borrowed) returnToStream(this.#socket); // the hook listens for 'data'
    return true;
  }

  // ---- dispatching -----------------------------------------------------

  private dispatch(
    head: RequestHead,
    body: RequestBody,
    ctx: RequestContext,
    slot: ResponseSlot<Outgoing>,
  ): void {
    const request: HttpRequest = {
      method: head.method,
      target: head.target,
      version: head.version,
      headers: head.headers,
      body,
      connection: this.#info,
    };
    let result: HttpResponse | Promise<HttpResponse>;
    try {
      result = this.#handler(request);
    } catch (error) {
      this.#handlerFailed(slot, ctx, body, error);
      return;
    }
    if (isThenable<HttpResponse>(result)) {
      result.then(
        (response) => this.#complete(slot, ctx, body, response),
        (error: unknown) => this.#handlerFailed(slot, ctx, body, error),
      );
    } else this.#complete(slot, ctx, body, result);
  }

  #complete(
    slot: ResponseSlot<Outgoing>,
    ctx: RequestContext,
    body: RequestBody,
    response: HttpResponse,
  ): void {
    const encoded = encodeOrReplace(response, this.#answered(slot, ctx, response), this.#options);
    if (this.#queue.fill(slot, { encoded, body })) this.#writer.flush();
  }

  #handlerFailed(
    slot: ResponseSlot<Outgoing>,
    ctx: RequestContext,
    body: RequestBody,
    error: unknown,
  ): void {
    this.#options.logger.error("handler failed", error);
    const encoded = encodeError(INTERNAL_ERROR, this.#answered(slot, ctx), this.#options);
    if (this.#queue.fill(slot, { encoded, body })) this.#writer.flush();
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
    },
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
      maxInFlight: this.#options.maxPipelinedRequests,
      writeBlocked: this.#writer.blocked,
      bodyBlocked: this.#body?.stream.full ?? false,
    });
    if (decision === "pause") {
      this.#paused = true;
      this.#socket.pause();
    } else if (decision === "resume") {
      this.#paused = false;
      const inbox = this.#inbox;
      if (inbox !== undefined && !this.#processing) {
        this.#inbox = undefined;
        this.#writer.cork();
        this.process(inbox);
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
    this.#body?.stream.fail(new Error("client closed mid-body"));
    if (this.#inFlight() === 0) this.finish();
    else this.#settle();
  };

  readonly #onError = (error: NodeJS.ErrnoException): void => {
    if (error.code !== "ECONNRESET" && error.code !== "EPIPE") {
      this.#options.logger.error("socket error", error);
    }
    this.#socket.destroy();
  };

  readonly #onClose = (): void => {
    this.enter("closed");
    this.#deadline.stop();
    this.#queue.clear();
    this.#body?.stream.fail(new Error("connection closed"));
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
