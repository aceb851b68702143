// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
   */
  flush(): void {
    throw new NotImplemented({
      chapter: "03",
      name: "ResponseWriter.flush",
      file: "exercises/03-keep-alive/response-writer.ts",
      hint: "write every answer that is ready, in order, and stop at the first that is not.",
    });
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
   */
  drained(): void {
    throw new NotImplemented({
      chapter: "03",
      name: "ResponseWriter.drained",
      file: "exercises/03-keep-alive/response-writer.ts",
      hint: "'drain' means the socket took what was queued; a stream waiting for it must go on.",
    });
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
   */
  #add(bytes: string | Uint8Array): void {
    throw new NotImplemented({
      chapter: "03",
      name: "ResponseWriter.#add",
      file: "exercises/03-keep-alive/response-writer.ts",
      hint: "batching pipelined answers into one write saves system calls, but a batch must not grow without bound.",
    });
  }

  /**
   * Gives the batch to the socket as one write; notes back-pressure.
   *
   * @exercise
   */
  #spill(): void {
    throw new NotImplemented({
      chapter: "03",
      name: "ResponseWriter.#spill",
      file: "exercises/03-keep-alive/response-writer.ts",
      hint: "one socket write per batch; and write() returning false must be remembered.",
    });
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
   */
  async #writeStream(item: Outgoing, out: Streamed): Promise<void> {
    throw new NotImplemented({
      chapter: "03",
      name: "ResponseWriter.#writeStream",
      file: "exercises/03-keep-alive/response-writer.ts",
      hint: "while a body streams, nothing after it may be written; when it ends, the queue goes on.",
    });
  }

  /**
   * Head, chunks (framed, or raw), end; waits for 'drain' when told to.
   *
   * @exercise
   */
  async #pipe(out: Streamed): Promise<void> {
    throw new NotImplemented({
      chapter: "03",
      name: "ResponseWriter.#pipe",
      file: "exercises/03-keep-alive/response-writer.ts",
      hint: "a streamed body must respect the socket's back-pressure and the length it promised.",
    });
  }
}
