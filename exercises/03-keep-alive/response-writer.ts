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

  /** Writes every response that is ready, in order. */
  flush(): void {
    if (this.#streaming || this.#stopped) return;
    for (let item = this.#queue.shift(); item !== undefined; item = this.#queue.shift()) {
      const out = item.encoded;
      if (out.kind === "stream") {
        this.#spill();
        void this.#writeStream(item, out);
        return;
      }
      this.cork();
      this.#add(out.bytes);
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
    if (this.#streaming || this.#stopped || this.#queue.size !== 1) return false;
    this.#spill(); // answers to earlier requests go first
    this.#socket.write(bytes);
    return true;
  };

  /** Call on the socket's 'drain' event. */
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

  /** Appends ready bytes; a batch past the socket's high-water mark goes now. */
  #add(bytes: string | Uint8Array): void {
    this.#batch.push(bytes);
    this.#batchBytes += bytes.length;
    if (typeof bytes !== "string") this.#batchText = false;
    const full = this.#batchBytes >= this.#socket.writableHighWaterMark;
    if (!this.#held || full) this.#spill();
  }

  /** Gives the batch to the socket as one write; notes back-pressure. */
  #spill(): void {
    const batch = this.#batch;
    if (batch.length === 0) return;
    const socket = this.#socket;
    let ok = true;
    if (batch.length === 1 || this.#batchText) {
      const only = batch.length === 1 ? batch[0] : batch.join("");
      ok = typeof only === "string" ? socket.write(only, "latin1") : socket.write(only ?? "");
    } else {
      socket.cork();
      for (const bytes of batch) {
        ok =
          (typeof bytes === "string" ? socket.write(bytes, "latin1") : socket.write(bytes)) && ok;
      }
      socket.uncork();
    }
    this.#clearBatch();
    if (!ok) this.#blocked = true;
  }

  #clearBatch(): void {
    this.#batch.length = 0;
    this.#batchBytes = 0;
    this.#batchText = true;
  }

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

  /** Head, chunks (framed, or raw), end; waits for 'drain' when told to. */
  async #pipe(out: Streamed): Promise<void> {
    const socket = this.#socket;
    let sent = 0;
    socket.write(out.head);
    for await (const chunk of out.body) {
      if (this.#stopped) return;
      sent += chunk.byteLength;
      if (out.length !== undefined && sent > out.length) break;
      if (!socket.write(out.framing === undefined ? chunk : out.framing.encode(chunk))) {
        this.#blocked = true;
        await new Promise<void>((resolve) => (this.#drained = resolve));
      }
    }
    if (out.length !== undefined && sent !== out.length) {
      throw new Error(`body had ${sent} bytes, its Content-Length said ${out.length}`);
    }
    if (out.framing !== undefined) socket.write(out.framing.finish(out.response.trailers?.()));
  }
}
