/**
 * Takes responses off the in-order queue and onto the socket.
 *
 * Two kinds of response leave here. A body we hold is one Buffer with its
 * head: one write. A streamed body is written chunk by chunk, and when
 * socket.write() returns false (the kernel's send buffer and Node's are
 * full) we wait for 'drain' before the next chunk: the peer's reading
 * speed sets our pace, and memory stays bounded.
 *
 * Responses ready in the same tick are batched here, in JavaScript, and
 * leave in one socket.write(): a burst of pipelined responses is one
 * string and one system call. Batching ourselves rather than corking the
 * socket matters: corked, Node keeps a buffered-write record per response
 * and hands the kernel a writev() of many small pieces, which a profile of
 * pipelined load showed as a quarter of the server's time.
 */
import process from "node:process";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { Logger } from "./logger.ts";
import type { IncomingRequest } from "./incoming-request.ts";
import type { RequestBody } from "./message.ts";
import type { Sendable } from "./error-response.ts";
import type { EncodedResponse } from "./response-encoder.ts";
import type { ResponseQueue } from "./response-queue.ts";

type Streamed = Extract<EncodedResponse, { kind: "stream" }>;

/** A response waiting its turn, with the body of the request it answers. */
export interface Outgoing {
  readonly encoded: Sendable;
  readonly body: RequestBody;
  /** The request answered, when there was one (not for a parse error). */
  readonly request?: IncomingRequest;
  /** A 101's callback: after its head, the socket changes protocol. */
  readonly upgrade?: ((stream: Duplex) => void) | undefined;
}

/** What the connection learns from its writer. */
export interface WriterEvents {
  /** A response is fully written (its request body can be dropped). */
  answered(item: Outgoing): void;
  /** A response that closes the connection is written. */
  closed(): void;
  /** Nothing more is ready to write for now. */
  waiting(): void;
  /** A 101 head is on the socket: hand the socket over. */
  switched(upgrade: (stream: Duplex) => void): void;
}

export class ResponseWriter {
  readonly #socket: Socket;
  readonly #queue: ResponseQueue<Outgoing>;
  readonly #events: WriterEvents;
  readonly #logger: Logger;
  #streaming = false;
  #blocked = false;
  /** Responses are collected into #batch rather than written. */
  #held = false;
  /** Ready bytes not yet given to the socket, in order. */
  readonly #batch: (string | Uint8Array)[] = [];
  #batchBytes = 0;
  /** Every batched piece is a latin1 string: they can be joined. */
  #batchText = true;
  #stopped = false;
  #drained: (() => void) | undefined;

  constructor(
    socket: Socket,
    queue: ResponseQueue<Outgoing>,
    events: WriterEvents,
    logger: Logger,
  ) {
    this.#socket = socket;
    this.#queue = queue;
    this.#events = events;
    this.#logger = logger;
  }

  /** A streamed body is being written. */
  get streaming(): boolean {
    return this.#streaming;
  }

  /** write() returned false and 'drain' has not come yet. */
  get blocked(): boolean {
    return this.#blocked;
  }

  /**
   * Writes every response that is ready, in order.
   *
   * @exercise
   * @hint nudge: write every answer that is ready, in order, and stop at the
   *   first that is not.
   * @hint concept: not while a stream is written or after stop. Take ready
   *   answers in order: a stream spills the batch and is piped (it flushes
   *   again when done); a fixed one joins the corked batch and is answered; a
   *   switch or a close spills and reports. Nothing ready: waiting.
   * @hint solution: two early returns, then a loop that shifts the queue. A
   *   stream: spill, start the pipe, return. A fixed answer: cork, add its
   *   bytes (and body), report it answered. An upgrade or a close: spill,
   *   report, return. After the loop, report waiting.
   */
  flush(): void {
    if (this.#streaming || this.#stopped) return;
    for (
      let item = this.#queue.shift();
      item !== undefined;
      item = this.#queue.shift()
    ) {
      const out = item.encoded;
      if (out.kind === "stream") {
        this.#spill();
        void this.#writeStream(item, out);
        return;
      }
      this.cork();
      this.#add(out.bytes);
      if (out.body !== undefined) this.#add(out.body); // large: not copied
      this.#events.answered(item);
      if (item.upgrade !== undefined) {
        this.#spill(); // the 101 goes before anything the new protocol writes
        this.#events.switched(item.upgrade);
        return;
      }
      if (out.close) {
        this.#spill(); // before the connection ends the socket
        this.#events.closed();
        return;
      }
    }
    this.#events.waiting();
  }

  /**
   * Writes an interim (1xx) response now if no earlier response is still
   * owed, since a 1xx must not overtake one. True if it was written.
   */
  readonly interim = (bytes: Uint8Array): boolean => {
    if (this.#streaming || this.#stopped || this.#queue.size !== 1)
      return false;
    this.#spill(); // answers to earlier requests go first
    this.#socket.write(bytes);
    return true;
  };

  /**
   * Call on the socket's 'drain' event.
   *
   * @exercise
   * @hint nudge: 'drain' means the socket took what was queued; a stream
   *   waiting for it must go on.
   * @hint concept: a false from write() is Node's back-pressure signal;
   *   'drain' lifts it. Clear the blocked flag and wake the stream that waits,
   *   exactly once.
   * @hint solution: reset the flag, take the stored waker out of its field
   *   before calling it, so a second drain finds nothing.
   */
  drained(): void {
    this.#blocked = false;
    const wake = this.#drained;
    this.#drained = undefined;
    wake?.();
  }

  /** The socket is gone: abandon any stream in progress. */
  stop(): void {
    this.#stopped = true;
    this.#clearBatch();
    this.drained();
  }

  /** Holds writes until the end of this tick, then sends them together. */
  cork(): void {
    if (this.#held) return;
    this.#held = true;
    process.nextTick(this.#release);
  }

  /**
   * Holds writes until release(), without scheduling anything: for a
   * caller that knows where its burst of work ends (the read handler).
   */
  hold(): void {
    this.#held = true;
  }

  /** Writes what is held, now, and stops holding. */
  release(): void {
    this.#held = false;
    this.#spill();
  }

  readonly #release = (): void => this.release();

  /**
   * Appends ready bytes; a batch past the socket's high-water mark goes now.
   *
   * @exercise
   * @hint nudge: batching pipelined answers into one write saves system calls,
   *   but a batch must not grow without bound.
   * @hint concept: append to the batch and count its bytes; a byte array makes
   *   the batch mixed; spill at once when not holding, or when the batch
   *   reached the socket's high-water mark.
   * @hint solution: push, add length, clear #batchText for non-strings, compare
   *   #batchBytes with writableHighWaterMark, #spill when not held or full.
   */
  #add(bytes: string | Uint8Array): void {
    this.#batch.push(bytes);
    this.#batchBytes += bytes.length;
    if (typeof bytes !== "string") this.#batchText = false;
    const full = this.#batchBytes >= this.#socket.writableHighWaterMark;
    if (!this.#held || full) this.#spill();
  }

  /**
   * Gives the batch to the socket as one write; notes back-pressure.
   *
   * @exercise
   * @hint nudge: one socket write per batch; and write() returning false must
   *   be remembered.
   * @hint concept: a batch of one piece, or all latin1 strings (joined), is one
   *   write; a mixed batch is written piece by piece between cork() and
   *   uncork(), so the kernel still sees one send. Clear the batch; note
   *   back-pressure when any write returned false.
   * @hint solution: return on an empty batch; the single/text branch with
   *   socket.write(..., 'latin1') for strings; the cork/uncork loop
   *   accumulating ok; #clearBatch(); set #blocked when !ok.
   */
  #spill(): void {
    const batch = this.#batch;
    if (batch.length === 0) return;
    const socket = this.#socket;
    let ok = true;
    if (batch.length === 1 || this.#batchText) {
      const only = batch.length === 1 ? batch[0] : batch.join("");
      ok =
        typeof only === "string"
          ? socket.write(only, "latin1")
          : socket.write(only ?? "");
    } else {
      socket.cork();
      for (const bytes of batch) {
        ok =
          (typeof bytes === "string"
            ? socket.write(bytes, "latin1")
            : socket.write(bytes)) && ok;
      }
      socket.uncork();
    }
    this.#clearBatch();
    if (!ok) this.#blocked = true;
  }

  #clearBatch(): void {
    // Popping costs a few nanoseconds an element; setting the length is a
    // call into V8's runtime, about 100 ns even for the usual one element.
    const batch = this.#batch;
    while (batch.length > 0) batch.pop();
    this.#batchBytes = 0;
    this.#batchText = true;
  }

  /**
   * Writes one streamed response, then goes on with the queue.
   *
   * @exercise
   * @hint nudge: while a body streams, nothing after it may be written; when it
   *   ends, the queue goes on.
   * @hint concept: mark streaming; pipe the body; a failure mid-body cannot be
   *   reported to the client any more (the head is sent): log it and destroy
   *   the socket. After stop, do nothing. Otherwise clear streaming, report the
   *   item answered, then close or flush the next answers.
   * @hint solution: set #streaming; try await #pipe(out) catch log and destroy
   *   and return; return if #stopped; clear #streaming; events.answered(item);
   *   out.close ? events.closed() : this.flush().
   */
  async #writeStream(item: Outgoing, out: Streamed): Promise<void> {
    this.#streaming = true;
    try {
      await this.#pipe(out);
    } catch (error) {
      // The head is out; a truncated message is the only honest signal.
      this.#logger.error("response body failed", { error });
      this.#socket.destroy();
      return;
    }
    if (this.#stopped) return;
    this.#streaming = false;
    this.#events.answered(item);
    if (out.close) this.#events.closed();
    else this.flush();
  }

  /**
   * Head, chunks (framed, or raw), end; waits for 'drain' when told to.
   *
   * @exercise
   * @hint nudge: a streamed body must respect the socket's back-pressure and
   *   the length it promised.
   * @hint concept: write the head; for each chunk (unless stopped) count it,
   *   refuse more than the declared length, write it framed or raw, and wait
   *   for drain when write() returns false. A size unlike Content-Length is an
   *   error; a framed body ends with its last chunk and trailers.
   * @hint solution: socket.write(out.head); for await over out.body with the
   *   #stopped check, the sent count, the framing.encode choice, and a Promise
   *   stored in #drained; the length check throws;
   *   framing.finish(out.response.trailers?.()).
   */
  async #pipe(out: Streamed): Promise<void> {
    const socket = this.#socket;
    let sent = 0;
    socket.write(out.head);
    for await (const chunk of out.body) {
      if (this.#stopped) return;
      sent += chunk.byteLength;
      if (out.length !== undefined && sent > out.length) break;
      if (
        !socket.write(
          out.framing === undefined ? chunk : out.framing.encode(chunk),
        )
      ) {
        this.#blocked = true;
        await new Promise<void>((resolve) => (this.#drained = resolve));
      }
    }
    if (out.length !== undefined && sent !== out.length) {
      throw new Error(
        `body had ${sent} bytes, its Content-Length said ${out.length}`,
      );
    }
    if (out.framing !== undefined)
      socket.write(out.framing.finish(out.response.trailers?.()));
  }
}
