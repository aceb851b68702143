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
   * @hint nudge: a graceful stop must not cut off a response in progress, nor
   *   wait for an idle client.
   * @hint concept: remember it (once); an idle connection with nothing in
   *   flight finishes now; a busy one answers what it started, and every
   *   response from now on says Connection: close.
   * @hint solution: return when already draining; set #draining; when the state
   *   is idle and nothing is in flight call finish(); otherwise let #answered
   *   and onHead close after the current exchange.
   */
  shutdown(): void {
    if (this.#draining) return;
    this.#draining = true;
    // Mid-head or mid-body: onHead and #feedBody close after the request.
    if (this.#state !== "idle") return;
    if (this.#inFlight() === 0) {
      this.finish();
      return;
    }
    this.enter("closing");
    this.#inbox = undefined;
    this.#waiting = undefined; // pipelined behind: not read, as above
    this.#settle();
  }

  /**
   * The one place state changes. Deadlines follow in #settle.
   *
   * @exercise
   * @hint nudge: two states are final, and a new state is a new deadline.
   * @hint concept: once closed or upgraded, nothing moves the connection
   *   again. #settle sees only where an event ends: a request read and
   *   answered in one read goes idle, head, idle, and that idle period must
   *   count from the answer, not the first request (RFC 9112 §9.5).
   * @hint solution: guard against the two final states; when the state really
   *   changes, restart the deadline timer; then record the new one.
   */
  private enter(next: ConnectionState): void {
    if (this.#state === "closed" || this.#state === "upgraded") return;
    if (next !== this.#state) this.#deadline.restart();
    this.#state = next;
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
   * @hint nudge: an unsafe request runs alone; once it is answered, pipelining
   *   resumes.
   * @hint concept: clear #alone when nothing is in flight any more; while it is
   *   set, the limit is 1; otherwise maxPipelinedRequests.
   * @hint solution: the reset check, then a conditional on #alone.
   */
  #limit(): number {
    if (this.#alone && this.#inFlight() === 0) this.#alone = false;
    return this.#alone ? 1 : this.#options.maxPipelinedRequests;
  }

  /**
   * Stop parsing heads: reading is paused, writes are blocked, the queue
   * is full, or a request that runs alone waits for earlier answers.
   *
   * @exercise
   * @hint nudge: pipelining is bounded: we stop parsing new requests rather
   *   than queue answers without limit.
   * @hint concept: wait when reading is paused, the socket is not taking
   *   writes, the queue holds as many requests as allowed (#limit), or a
   *   request that runs alone waits for earlier answers (RFC 9112 §9.3.2).
   * @hint solution: compare #inFlight() with #limit(); waiting = #waiting set
   *   and something in flight; return the four conditions or-ed.
   */
  #mustWait(): boolean {
    const full = this.#inFlight() >= this.#limit();
    const waiting = this.#waiting !== undefined && this.#inFlight() > 0;
    return this.#paused || this.#writer.blocked || full || waiting;
  }

  /**
   * Parses heads and feeds bodies until the input runs out or we must wait.
   *
   * @exercise
   * @hint nudge: one read can hold several requests, or half of one; the loop
   *   runs until the input is used up or we must wait.
   * @hint concept: loop while input remains or a head waits to run alone: in
   *   body, feed the body; in a state other than idle or head, stop; when
   *   #mustWait, keep the rest in #inbox (copied if borrowed) and pause; a
   *   waiting head goes to onHead; else parse the next head.
   * @hint solution: set #processing; rest = input; while (rest.length > 0 ||
   *   #waiting): branch on state, #mustWait (inbox, #paused, socket.pause(),
   *   break), #waiting (take it, onHead), else #parseHead; clear #processing.
   */
  private process(input: Uint8Array): void {
    this.#processing = true;
    let rest = input;
    while (rest.length > 0 || this.#waiting !== undefined) {
      const state = this.#state;
      if (state === "body") rest = this.#feedBody(rest);
      else if (state !== "idle" && state !== "head") {
        if (rest.length > 0) this.#clientClosed = false; // left unread
        break;
      } else if (this.#mustWait()) {
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

  /**
   * One head from the input: parsed, refused, or waiting to run alone.
   *
   * @exercise
   * @hint nudge: the parser may need more bytes, may fail, or may finish a
   *   head with bytes left over that belong to the body or the next request.
   * @hint concept: push the input: incomplete consumes it all; an error is
   *   refused; done resets the parser and returns to idle, and the rest goes
   *   on. A request that must run alone (RFC 9112 §9.3.2, runsAlone) waits for
   *   earlier answers; else it goes to onHead.
   * @hint solution: a switch on the parser's result kind; for done, slice off
   *   what was consumed (the shared empty array when nothing is left), then
   *   either park the head in #waiting and return the rest, or return what
   *   onHead gives back.
   */
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

  /**
   * A complete head: frame its body, dispatch.
   *
   * @exercise
   * @hint nudge: a complete head decides how much of the input is its body, and
   *   whether the connection outlives this exchange.
   * @hint concept: count it, frame its body (an error is refused); keep alive
   *   under maxRequestsPerConnection when shouldKeepAlive says so (RFC 9112
   *   §9.3) and no shutdown runs. Without content, dispatch now; with it, a
   *   decoder, BodyStream and IncomingBody, then dispatch.
   * @hint solution: count, frame, note whether it runs alone, decide
   *   keep-alive. An empty body: enter closing when not kept, hold the input
   *   after an upgrade, dispatch with EMPTY_BODY in a reserved slot. Else
   *   decoders, a BodyStream, a slot, an IncomingBody, enter body, dispatch.
   */
  private onHead(head: RequestHead, rest: Uint8Array): Uint8Array {
    this.#requests++;
    const framing = framingOf(head);
    if (framing.kind === "error") {
      this.refuse(framing.error, undefined);
      return NOTHING;
    }
    this.#alone = runsAlone(head);
    const clientKeeps = shouldKeepAlive(head.version, head.headers);
    const keepAlive = clientKeeps && !this.#draining && this.#withinLimits();
    const empty =
      framing.kind === "none" ||
      (framing.kind === "length" && framing.length === 0);
    // A last request read whole, with nothing after it (#feedBody decides
    // for a request with a body, once the body has been read).
    this.#closeAsked = !clientKeeps;
    if (empty) this.#clientClosed = !clientKeeps && rest.length === 0;
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
    const stream = new BodyStream(
      length,
      this.#options.bodyHighWaterMark,
      this.#onBodyDrained,
    );
    const slot = this.#queue.reserve();
    this.#body = new IncomingBody(
      decoder,
      stream,
      slot,
      keepAlive,
      this.#writer.interim,
    );
    this.enter("body");
    this.dispatch(head, stream, ctx, slot);
    return rest;
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
   * @hint nudge: the body decoder says how many of these bytes were body; the
   *   rest is the next request.
   * @hint concept: feed the IncomingBody: an error refuses the request (in its
   *   own slot); done forgets the body and returns to idle when the connection
   *   is kept, else to closing. Return the input after what was consumed.
   * @hint solution: read #body (its absence is a bug: throw); fed =
   *   body.feed(input, this.#borrowed); the error and done branches; return
   *   input.subarray(fed.consumed).
   */
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
      this.#clientClosed = this.#closeAsked && fed.consumed === input.length;
      this.enter(body.keepAlive && !this.#draining ? "idle" : "closing");
    }
    return input.subarray(fed.consumed);
  }

  /**
   * The bytes after an upgrade request wait, unread, for its answer: they
   * are the next request if the handler declines, or the new protocol's
   * first bytes if it switches.
   *
   * @exercise
   * @hint nudge: the bytes after an upgrade request are either the next request
   *   or the new protocol's: nobody can tell until the handler answers.
   * @hint concept: keep them unread in the inbox (copied if borrowed) and pause
   *   reading until the answer is known.
   * @hint solution: store #keep(rest) when not empty; set #paused;
   *   socket.pause().
   */
  #holdAfterUpgrade(rest: Uint8Array): void {
    if (rest.length > 0) this.#inbox = this.#keep(rest);
    this.#paused = true;
    this.#socket.pause();
  }

  /**
   * The 101 is written: the socket belongs to the new protocol now.
   *
   * @exercise
   * @hint nudge: after the 101, the socket belongs to someone else: this
   *   connection must let go of it completely.
   * @hint concept: after the 101 the socket is the new protocol's: enter
   *   upgraded, drop every listener and timer (#detach), stop the writer,
   *   return borrowed reads, unshift the unread bytes (the new protocol's
   *   first), call the upgrade; a throw is logged and the socket destroyed.
   * @hint solution: enter('upgraded'); #detach(); writer.stop(); returnToStream
   *   when #borrowed; unshift the #inbox leftover; try upgrade(socket) catch
   *   log and destroy.
   */
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

  /**
   * Runs the handler for one request; its answer fills `slot`.
   *
   * @exercise
   * @hint nudge: a handler may answer at once or later, and it may throw
   *   either way.
   * @hint concept: build the request the handler sees; a synchronous throw is
   *   a failed handler; a thenable (anything with a then method, as await
   *   would treat it) completes or fails when it settles; a plain value
   *   completes now, without a microtask.
   * @hint solution: construct the IncomingRequest from the head, the body and
   *   the connection's info and presence; call the handler in a try whose
   *   catch reports the failure; branch on isThenable to attach the two
   *   callbacks, or complete at once.
   */
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

  /**
   * The handler answered: encode it into its slot, write what is ready.
   *
   * @exercise
   * @hint nudge: an answer fills the slot reserved for it; only then can it be
   *   written, and only if every earlier answer is out.
   * @hint concept: a response that switches protocols (an upgrade callback or
   *   101) goes its own way. Else encode it (or a 500) with the context
   *   #answered gives, fill the slot, and flush if the fill succeeded: answers
   *   leave in request order (RFC 9112 §9.3.2).
   * @hint solution: an early branch to the switch path; encode through
   *   encodeOrReplace; fill the slot with the encoded answer, the request's
   *   body and the request; flush only when the fill said yes.
   */
  #complete(
    slot: ResponseSlot<Outgoing>,
    ctx: RequestContext,
    request: IncomingRequest,
    response: HttpResponse,
  ): void {
    const { body } = request;
    const upgrade =
      typeof response === "object" ? response?.upgrade : undefined;
    if (upgrade !== undefined || response?.status === 101) {
      this.#completeSwitch(slot, ctx, request, response);
      return;
    }
    const encoded = encodeOrReplace(
      response,
      this.#answered(slot, ctx, response),
      this.#options,
    );
    if (this.#queue.fill(slot, { encoded, body, request }))
      this.#writer.flush();
  }

  /**
   * A 101 answer: valid only with an upgrade callback, for a request that
   * asked.
   *
   * @exercise
   * @hint nudge: a 101 from a handler is a promise to hand the socket over;
   *   check it before writing it.
   * @hint concept: encode the switch (encodeSwitch, with whether the request
   *   asked and the handler gave an upgrade callback); an invalid one is logged
   *   and a 500 goes in the slot instead; a valid one fills the slot with the
   *   upgrade callback, which the writer calls after the 101 is out.
   * @hint solution: date from the date cache; asked = ctx.upgradable and
   *   response.upgrade; encodeSwitch; the invalid branch logs,
   *   encodeError(INTERNAL_ERROR, ...), fill and flush; else fill with {
   *   encoded, body, request, upgrade } and flush.
   */
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
      const reason =
        response.upgrade === undefined
          ? "101 without upgrade()"
          : encoded.reason;
      this.#options.logger.error("response cannot be sent", { reason });
      const error = encodeError(INTERNAL_ERROR, ctx, this.#options);
      if (
        this.#queue.fill(slot, { encoded: error, body: request.body, request })
      ) {
        this.#writer.flush();
      }
      return;
    }
    const item = {
      encoded,
      body: request.body,
      request,
      upgrade: response.upgrade,
    };
    if (this.#queue.fill(slot, item)) this.#writer.flush();
  }

  /**
   * A handler threw or rejected. When the client has gone (its body ended
   * early, the socket closed) that is the client's doing, not a bug: it is
   * noted at level info, and the 500 goes nowhere anyway.
   *
   * @exercise
   * @hint nudge: a handler failing because the client left is not a bug.
   * @hint concept: log a handler failure at error level, unless the client went
   *   away (a ClientGone error, or presence says gone): then info. Either way
   *   the request gets a 500 in its slot, so later answers are not stuck behind
   *   it.
   * @hint solution: compute gone; logger.info?.(...) or logger.error(...);
   *   encodeError(INTERNAL_ERROR, this.#answered(slot, ctx), this.#options);
   *   fill and flush as in #complete.
   */
  #handlerFailed(
    slot: ResponseSlot<Outgoing>,
    ctx: RequestContext,
    request: IncomingRequest,
    error: unknown,
  ): void {
    const { logger } = this.#options;
    const gone =
      error instanceof ClientGone || this.#presence.gone !== undefined;
    const fields = { method: request.method, target: request.target, error };
    if (gone) logger.info?.("client went away", fields);
    else logger.error("handler failed", fields);
    const encoded = encodeError(
      INTERNAL_ERROR,
      this.#answered(slot, ctx),
      this.#options,
    );
    if (this.#queue.fill(slot, { encoded, body: request.body, request }))
      this.#writer.flush();
  }

  /**
   * Whether the answer keeps the connection: not after shutdown(), nor
   * when the unreadBody policy closes rather than drain a body not read.
   *
   * @exercise
   * @hint nudge: an answer sent before its request's body was read may leave
   *   the connection out of step.
   * @hint concept: if the body being read belongs to this slot, ask it whether
   *   it will drain under the unreadBody policy (RFC 9112 §9.6); if not, or
   *   once shutdown() was called, the answer must close: keepAlive false.
   * @hint solution: compare this.#body?.slot with slot; inSync when it is
   *   another slot or drains(...) is true; return ctx or a copy with keepAlive
   *   false.
   */
  #answered(
    slot: ResponseSlot<Outgoing>,
    ctx: RequestContext,
    response?: unknown,
  ): RequestContext {
    const body = this.#body;
    const inSync =
      body?.slot !== slot || body.drains(this.#options.unreadBody, response);
    return inSync && !this.#draining ? ctx : { ...ctx, keepAlive: false };
  }

  /**
   * Answers with error.status and its reason, then closes: after a bad
   * head we cannot know where the next request starts (RFC 9112 §2.2).
   *
   * @exercise
   * @hint nudge: after a bad head we cannot know where the next request
   *   starts.
   * @hint concept: RFC 9112 §2.2 and §9.6: answer with the error's status and
   *   close, since the framing of what follows is unknown. Encode it with a
   *   minimal context that does not keep alive, move to closing, reset the
   *   parser, put it in the given slot or a new one, and flush.
   * @hint solution: a fixed context (a GET over HTTP/1.1 that does not keep
   *   alive); encode the error with the connection's options; change state;
   *   reset the parser; fill the slot (reserving one when none was given)
   *   with an empty body; ask the writer to flush.
   */
  private refuse(
    error: ConnectionError,
    slot: ResponseSlot<Outgoing> | undefined,
  ): void {
    const ctx: RequestContext = {
      method: "GET",
      version: "HTTP/1.1",
      keepAlive: false,
    };
    const encoded = encodeError(error, ctx, this.#options);
    this.enter("closing");
    this.#parser.reset();
    // If the handler already answered this request, just close after it.
    this.#queue.fill(slot ?? this.#queue.reserve(), {
      encoded,
      body: EMPTY_BODY,
    });
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
   * @hint nudge: closing well means: everything owed is written, then FIN,
   *   then read and discard until the peer's FIN.
   * @hint concept: RFC 9112 §9.6: close in stages, or unread input turns our
   *   close into a reset that can destroy the last response. Drop what is
   *   owed and kept, linger, release held writes, end, then read and discard;
   *   a client that asked to close and left nothing unread needs no wait.
   * @hint solution: note if the close is quiet (#clientClosed, no body, no
   *   inbox); clear the queue, fail the body, forget both kept inputs; change
   *   state; release the writer, socket.end(); quiet: closeWhenFlushed, else
   *   unpause and resume reading; settle either way.
   */
  private finish(): void {
    const quiet =
      this.#clientClosed &&
      this.#body === undefined &&
      this.#inbox === undefined;
    this.#queue.clear();
    // A handler still reading this body gets ClientGone: the connection is
    // closing (the request was refused mid-body, e.g. a slow client cut by
    // chapter 10), so nobody is left to answer; logged at info, not as a 500.
    this.#body?.stream.fail(new ClientGone("connection closing"));
    this.#body = undefined;
    this.#inbox = undefined;
    this.enter("lingering");
    this.#writer.release(); // every answer goes before our FIN
    this.#socket.end();
    if (quiet) closeWhenFlushed(this.#socket);
    else {
      this.#paused = false;
      this.#socket.resume(); // read and discard until the peer's FIN
    }
    this.#settle(); // the linger deadline bounds both
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
   * @hint nudge: every event ends the same way: decide about reading, re-arm
   *   the deadline.
   * @hint concept: reading is only a question while the connection still reads
   *   requests (idle, head or body); a deadline follows from the state in
   *   every state (RFC 9112 §9.5, §9.6).
   * @hint solution: a state check that guards the reading update, then the
   *   timer update unconditionally.
   */
  #settle(): void {
    const state = this.#state;
    if (state === "idle" || state === "head" || state === "body")
      this.#updateReading();
    this.#applyTimer();
  }

  /**
   * Pauses or resumes the socket, and processes kept input on resume.
   *
   * @exercise
   * @hint nudge: reading is paused for three reasons and resumed when none
   *   holds.
   * @hint concept: ask readingDecision (in flight against the limit, a body's
   *   own request not counted; writes or the body blocked). Pause: note it,
   *   pause the socket. Resume: unless processing, first process #inbox and a
   *   waiting head; resume the socket only if that kept nothing.
   * @hint solution: decision = readingDecision({...}); the pause branch; the
   *   resume branch: clear #paused, take #inbox, cork the writer, process(inbox
   *   ?? NOTHING), early return with #applyTimer when paused or inbox set, else
   *   socket.resume().
   */
  #updateReading(): void {
    const decision = readingDecision({
      paused: this.#paused,
      inFlight: this.#inFlight(),
      // While a body is read, its own request is in flight: never wait on it.
      maxInFlight:
        this.#body === undefined
          ? this.#limit()
          : this.#options.maxPipelinedRequests,
      writeBlocked: this.#writer.blocked,
      bodyBlocked: this.#body?.stream.full ?? false,
    });
    if (decision === "pause") {
      this.#paused = true;
      this.#socket.pause();
    } else if (decision === "resume") {
      this.#paused = false;
      const inbox = this.#inbox;
      if (
        (inbox !== undefined || this.#waiting !== undefined) &&
        !this.#processing
      ) {
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
   * @hint nudge: a socket handed to another protocol must not keep calling this
   *   connection.
   * @hint concept: remove every listener this connection added (data only when
   *   it used stream reads) and stop its deadline.
   * @hint solution: socket.off for data (unless borrowed), end, error, close
   *   and drain with the same handler references; #deadline.stop().
   */
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
