/**
 * Frames out, batched: many frames, one socket write per turn of the
 * event loop.
 *
 * A hundred streams answered in one turn make a hundred HEADERS and a
 * hundred DATA frames. Written one by one, that is two hundred system
 * calls and two hundred small Buffers; here the nine-byte headers and the
 * small payloads are copied into one slab, large payloads are kept by
 * reference, and everything queued in a turn leaves in one corked write
 * in setImmediate, after the handlers that answered synchronously or in
 * the same round of promises have all had their say.
 *
 * The layout is chapter 11's (RFC 9113 §4.1); chapter 11's encodeFrame
 * builds a Frame object and a Buffer per frame, which is what the slab
 * saves on the hot path.
 */
import { Buffer } from "node:buffer";
import type { Socket } from "node:net";
import { FRAME_HEADER_BYTES } from "#ch11/frame-types.ts";

/** Payloads up to this are copied into the slab; larger ones are referenced. */
const COPY_LIMIT = 1024;
const SLAB_BYTES = 64 * 1024;

export class FrameWriter {
  #slab = Buffer.allocUnsafe(SLAB_BYTES);
  /**
   * Where the next byte goes, and where the unwritten part of the slab starts.
   */
  #used = 0;
  #start = 0;
  /** Pieces ready to write, in order; the slab's tail is appended at flush. */
  #parts: Uint8Array[] = [];
  #queued = 0;
  #scheduled = false;

  constructor(
    private readonly socket: Socket,
    /**
     * Called first at each flush: the connection adds the DATA frames the
     * windows allow, so every response answered in this turn is scheduled
     * together, by priority, rather than first come first served.
     */
    private readonly beforeFlush: () => void,
  ) {}

  /** Bytes queued here and not yet handed to the socket. */
  get queued(): number {
    return this.#queued;
  }

  /** One frame: header, then payload (RFC 9113 §4.1). */
  frame(
    type: number,
    flags: number,
    streamId: number,
    payload: Uint8Array,
  ): void {
    const length = payload.byteLength;
    this.#room(FRAME_HEADER_BYTES + (length <= COPY_LIMIT ? length : 0));
    const b = this.#slab;
    let at = this.#used;
    b[at++] = length >>> 16;
    b[at++] = (length >>> 8) & 0xff;
    b[at++] = length & 0xff;
    b[at++] = type;
    b[at++] = flags;
    b.writeUInt32BE(streamId, at);
    at += 4;
    if (length <= COPY_LIMIT) {
      b.set(payload, at);
      this.#used = at + length;
    } else {
      this.#used = at;
      this.#cut();
      this.#parts.push(payload);
    }
    this.#queued += FRAME_HEADER_BYTES + length;
    this.#schedule();
  }

  /** Raw bytes (the server preface needs none; tests and tools may). */
  raw(bytes: Uint8Array): void {
    this.#cut();
    this.#parts.push(bytes);
    this.#queued += bytes.byteLength;
    this.#schedule();
  }

  /** Everything queued, to the socket now, in one corked write. */
  flush(): void {
    this.#scheduled = false;
    this.beforeFlush();
    this.#cut();
    const parts = this.#parts;
    if (parts.length === 0) return;
    this.#parts = [];
    this.#queued = 0;
    const socket = this.socket;
    if (!socket.destroyed) {
      if (parts.length === 1) socket.write(parts[0] as Uint8Array);
      else {
        socket.cork();
        for (const part of parts) socket.write(part);
        socket.uncork();
      }
    }
  }

  /** Ends the slab's current run as a part of its own. */
  #cut(): void {
    if (this.#used > this.#start) {
      this.#parts.push(this.#slab.subarray(this.#start, this.#used));
      this.#start = this.#used;
    }
  }

  /** A fresh slab when this one cannot take `bytes` more. */
  #room(bytes: number): void {
    if (this.#used + bytes <= this.#slab.length) return;
    this.#cut();
    this.#slab = Buffer.allocUnsafe(Math.max(SLAB_BYTES, bytes));
    this.#used = 0;
    this.#start = 0;
  }

  /** A flush at the end of this turn of the event loop (once). */
  schedule(): void {
    this.#schedule();
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.flush());
  }
}
