// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * The sending half of a connection: control frames, field blocks, and
 * the DATA pump that shares the socket among streams.
 *
 * DATA leaves only as three things allow (RFC 9113 §5.2, §6.9): the
 * stream's window, the connection's window, and the socket, whose queue
 * must stay under a high-water mark. When one of them says no, the pump
 * stops; a WINDOW_UPDATE, a SETTINGS change or a 'drain' starts it again.
 * Which stream goes next is the scheduler's choice (RFC 9218). A streamed
 * response body is pulled from the handler only when its stream has
 * little left queued, so a client that reads slowly slows the handler
 * down instead of filling our memory.
 */
import { Buffer } from "node:buffer";
import type { Socket } from "node:net";
import type { HeaderList } from "#ch03/message.ts";
import { FLAG, FRAME_TYPE, MIN_MAX_FRAME_SIZE } from "#ch11/frame-types.ts";
import { ERROR_CODES, type ErrorCodeName } from "#ch11/error-codes.ts";
import type { Setting } from "#ch11/settings.ts";
import { HpackEncoder } from "#ch12/hpack-encoder.ts";
import { indexingFor } from "#ch12/indexing-policy.ts";
import { sendable } from "./flow-window.ts";
import { FrameWriter } from "./frame-writer.ts";
import type { H2Stream } from "./h2-stream.ts";
import { PriorityScheduler } from "./scheduler.ts";
import type { StreamTable } from "./stream-table.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/** Literals remembered by #literal before the cache starts afresh. */
const LITERAL_CACHE = 256;

/** Pull more of a streamed body when less than this is queued. */
export const PULL_MARK = 64 * 1024;

const EMPTY = new Uint8Array(0);

/** Encodes the fields HPACK never indexes, once each (see #encode). */
const literals = new HpackEncoder();
const literalCache = new Map<string, Uint8Array>();

/** One never-indexed field's bytes: the same on every connection. */
function literal(name: string, value: string): Uint8Array {
  const key = `${name}\n${value}`;
  let bytes = literalCache.get(key);
  if (bytes === undefined) {
    if (literalCache.size >= LITERAL_CACHE) literalCache.clear();
    bytes = literals.encode([[name, value]]);
    literalCache.set(key, bytes);
  }
  return bytes;
}

/** A field block, and the encoder epoch it may be sent again in. */
interface KeptBlock {
  readonly epoch: number;
  readonly block: Uint8Array;
}

export interface OutboundEvents {
  /** A stream sent its last frame (END_STREAM). */
  ended(stream: H2Stream): void;
  /** A stream's body source failed or a pull is due. */
  pull(stream: H2Stream): void;
}

export class Outbound {
  readonly writer: FrameWriter;
  readonly encoder = new HpackEncoder();
  readonly scheduler = new PriorityScheduler();
  /** What the client lets us send on the connection (§6.9.1). */
  connectionWindow = 65_535;
  /** The client's SETTINGS_MAX_FRAME_SIZE. */
  maxFrameSize = MIN_MAX_FRAME_SIZE;
  /** Since when the connection window has blocked a stream with data. */
  blockedSince: number | undefined;
  readonly #u32 = Buffer.allocUnsafe(8);
  /** Blocks of frozen field lists, with the encoder epoch they hold for. */
  readonly #blocks = new WeakMap<HeaderList, KeptBlock>();

  constructor(
    private readonly socket: Socket,
    private readonly streams: Pick<StreamTable<H2Stream>, "get" | "values">,
    private readonly highWaterMark: number,
    private readonly events: OutboundEvents,
    private readonly clock: () => number,
  ) {
    this.writer = new FrameWriter(socket, () => this.pump());
    socket.on("drain", this.#onDrain);
  }

  readonly #onDrain = (): void => this.pump();

  /** Stops listening to the socket, once it has closed. */
  detach(): void {
    this.socket.off("drain", this.#onDrain);
  }

  settings(settings: readonly Setting[]): void {
    const payload = Buffer.allocUnsafe(settings.length * 6);
    settings.forEach(({ id, value }, i) => {
      payload.writeUInt16BE(id, i * 6);
      payload.writeUInt32BE(value, i * 6 + 2);
    });
    this.writer.frame(FRAME_TYPE.SETTINGS, 0, 0, payload);
  }

  settingsAck(): void {
    this.writer.frame(FRAME_TYPE.SETTINGS, FLAG.ACK, 0, EMPTY);
  }

  ping(opaque: Uint8Array, ack: boolean): void {
    this.writer.frame(FRAME_TYPE.PING, ack ? FLAG.ACK : 0, 0, opaque);
  }

  windowUpdate(streamId: number, increment: number): void {
    this.#u32.writeUInt32BE(increment, 0);
    this.writer.frame(
      FRAME_TYPE.WINDOW_UPDATE,
      0,
      streamId,
      this.#u32.subarray(0, 4),
    );
  }

  rstStream(streamId: number, code: ErrorCodeName): void {
    this.#u32.writeUInt32BE(ERROR_CODES[code], 0);
    this.writer.frame(
      FRAME_TYPE.RST_STREAM,
      0,
      streamId,
      this.#u32.subarray(0, 4),
    );
  }

  goaway(lastStreamId: number, code: ErrorCodeName, debug: string): void {
    const text = Buffer.from(debug.slice(0, 256), "utf8");
    const payload = Buffer.allocUnsafe(8 + text.length);
    payload.writeUInt32BE(lastStreamId, 0);
    payload.writeUInt32BE(ERROR_CODES[code], 4);
    text.copy(payload, 8);
    this.writer.frame(FRAME_TYPE.GOAWAY, 0, 0, payload);
  }

  /**
   * A field block as HEADERS and, past the client's frame size,
   * CONTINUATIONs (§4.3: one block, frames back to back on one stream).
   *
   * @exercise
   */
  headers(streamId: number, fields: HeaderList, endStream: boolean): void {
    throw new NotImplemented({
      chapter: "13",
      name: "Outbound.headers",
      file: "exercises/13-http2-streams/outbound.ts",
      hint: "one block, cut to the client's frame size: the first piece is HEADERS, the rest CONTINUATION.",
    });
  }

  /** Something may be sendable: pump at the end of this turn. */
  wake(): void {
    this.writer.schedule();
  }

  /**
   * A field block, from the cache when it can be. A frozen field list
   * (a constant response's, see response-cache.ts) sent again while the
   * encoder's table has not moved encodes to the same bytes, so those are
   * kept. Only a block whose encoding left the table as it found it is
   * kept (every field an index or a literal without indexing, no size
   * update): replaying it cannot put our table and the peer's decoder
   * out of step (RFC 7541 §2.3.2: only some representations insert).
   */
  #encode(fields: HeaderList): Uint8Array {
    if (!Object.isFrozen(fields)) return this.#encodeNow(fields);
    const encoder = this.encoder;
    const epoch = encoder.epoch;
    const kept = this.#blocks.get(fields);
    if (kept !== undefined && kept.epoch === epoch) return kept.block;
    const settled = encoder.settled;
    const block = this.#encodeNow(fields);
    if (settled && encoder.epoch === epoch) {
      this.#blocks.set(fields, { epoch, block });
    }
    return block;
  }

  /**
   * A field block, cheaply. Fields HPACK never indexes (Date,
   * Content-Length: chapter 12's indexing policy) do not touch the
   * dynamic table, so their encoding is the same on every connection and
   * in every position: each is encoded once, Huffman and all, and its
   * bytes reused (a Date changes once a second). They go after the
   * others; the order of fields with different names carries no meaning
   * (RFC 9110 §5.3).
   */
  #encodeNow(fields: HeaderList): Uint8Array {
    const indexed: (readonly [string, string])[] = [];
    let tail: Uint8Array[] | undefined;
    for (const field of fields) {
      if (indexingFor(field[0], field[1]) === "no-index") {
        tail ??= [];
        tail.push(literal(field[0], field[1]));
      } else indexed.push(field);
    }
    const block = this.encoder.encode(indexed);
    return tail === undefined ? block : Buffer.concat([block, ...tail]);
  }

  /** True when the socket can take more now. */
  get roomy(): boolean {
    return this.writer.queued + this.socket.writableLength < this.highWaterMark;
  }

  readonly #canSend = (id: number): boolean => {
    const stream = this.streams.get(id);
    if (stream === undefined) return false;
    if (stream.pending === 0) return stream.sourceDone;
    return stream.sendWindow > 0 && this.connectionWindow > 0;
  };

  /**
   * Sends DATA while windows and the socket allow, one frame per pick.
   *
   * @exercise
   */
  pump(): void {
    throw new NotImplemented({
      chapter: "13",
      name: "Outbound.pump",
      file: "exercises/13-http2-streams/outbound.ts",
      hint: "pick a stream, send one frame's worth, repeat until the scheduler has nobody or the socket is full.",
    });
  }

  /** Streams with data but no window: when they stopped (§6.9 stalls). */
  #noteBlocked(): void {
    const now = this.clock();
    let connectionBlocked = false;
    for (const s of this.streams.values()) {
      if (s.pending === 0) continue;
      if (s.sendWindow <= 0) s.blockedSince ??= now;
      else if (this.connectionWindow <= 0) connectionBlocked = true;
    }
    if (!connectionBlocked) this.blockedSince = undefined;
    else this.blockedSince ??= now;
  }
}
