// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * The streams of one connection: every stream frame the client sends,
 * checked against the state machine and the windows, and turned into
 * requests for the handler (RFC 9113 §5.1, §5.2, §8).
 *
 *   HEADERS (+CONTINUATION) ─▶ HPACK ─▶ new stream? ─▶ mapRequest ─▶
 *       H2Request ─▶ handler ─▶ Responder
 *   DATA ─▶ windows ─▶ Content-Length ─▶ the request's BodyStream
 *   RST_STREAM ─▶ the handler's signal fires, the stream closes
 *
 * Closed streams are forgotten, but the last few ids are remembered with
 * how they closed: a frame for a stream we reset may still be in flight
 * and must be ignored (§5.1, "closed"), while one for a stream that ended
 * normally is the client's error.
 */
import type { ConnectionInfo, Handler, HeaderList } from "#ch03/message.ts";
import { BodyStream, EMPTY_BODY } from "#ch03/request-body.ts";
import { filterTrailers } from "#ch04/trailer-fields.ts";
import type { ErrorCodeName } from "#ch11/error-codes.ts";
import { connectionError, type FrameError } from "#ch11/frame-error.ts";
import {
  type ContinuationFrame,
  type DataFrame,
  flowControlledLength,
  type HeadersFrame,
  type PriorityFrame,
  type RstStreamFrame,
  type WindowUpdateFrame,
} from "#ch11/frames.ts";
import { HpackDecoder } from "#ch12/hpack-decoder.ts";
import { FieldBlock } from "./field-block.ts";
import { RateBudget } from "./flood-guard.ts";
import { consume, grow, replenish } from "./flow-window.ts";
import type { H2Connection } from "./h2-connection.ts";
import { H2Request } from "./h2-request.ts";
import { H2Stream } from "./h2-stream.ts";
import { parsePriority } from "./priority.ts";
import { checkRegularField } from "./request-fields.ts";
import { mapRequest } from "./request-mapping.ts";
import { Responder } from "./responder.ts";
import { checkNewStreamId } from "./stream-ids.ts";
import { type StreamEvent, transition } from "./stream-state.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * How a forgotten stream closed: we reset it (frames still in flight are
 * ignored), the client reset it (any frame but PRIORITY is then a stream
 * error STREAM_CLOSED, §5.1), or it ended normally.
 */
export type ClosedHow = "reset" | "peer-reset" | "ended";

/** Closed stream ids remembered, with how they closed. */
const REMEMBERED = 256;

export class Streams {
  readonly all = new Map<number, H2Stream>();
  /** The highest stream id the client has opened (§5.1.1). */
  highest = 0;
  active = 0;
  readonly responder: Responder;
  readonly #hpack: HpackDecoder;
  readonly #resets: RateBudget;
  #block: FieldBlock | undefined;
  /**
   * Our receive window for the connection, and the body bytes held for
   * handlers.
   */
  #recvWindow: number;
  #held = 0;
  /** The client's SETTINGS_INITIAL_WINDOW_SIZE (§6.9.2). */
  #peerInitial = 65_535;
  #emptyFrames = 0;
  readonly #closed = new Map<number, ClosedHow>();
  readonly #pendingPriority = new Map<number, string>();

  constructor(
    readonly connection: H2Connection,
    readonly info: ConnectionInfo,
    handler: Handler,
  ) {
    const o = connection.options;
    this.#hpack = new HpackDecoder({
      maxTableSize: o.headerTableSize,
      maxHeaderListSize: o.maxHeaderListSize,
    });
    this.#resets = new RateBudget(o.maxResetsPerWindow, o.resetWindowMs);
    this.#recvWindow = o.connectionWindow;
    this.responder = new Responder(this, handler);
  }

  // OutboundEvents, forwarded to the responder.
  ended = (stream: H2Stream): void => this.responder.ended(stream);
  pull = (stream: H2Stream): void => this.responder.pull(stream);

  /**
   * Moves a stream through the state machine; on a broken rule, resets
   * the stream or fails the connection as the rule says, and answers false.
   */
  step(stream: H2Stream, event: StreamEvent): boolean {
    const next = transition(stream.state, event);
    if (next.ok) {
      stream.state = next.state;
      return true;
    }
    if (next.scope === "connection")
      this.connection.fail(connectionError(next.code, next.reason));
    else this.reset(stream.id, next.code, next.reason);
    return false;
  }

  /**
   * HEADERS starts a field block (§4.3), under the byte and frame budgets
   * of the CONTINUATION flood defence; a stream that depends on itself is
   * refused first (§5.3.1).
   */
  headers(frame: HeadersFrame): void {
    if (frame.priority?.dependsOn === frame.streamId) {
      // §5.3.1: "A stream cannot depend on itself."
      this.reset(frame.streamId, "PROTOCOL_ERROR", "stream depends on itself");
      return;
    }
    const o = this.connection.options;
    this.#block = new FieldBlock(
      frame.streamId,
      frame.endStream,
      o.maxHeaderBlockBytes,
      o.maxHeaderFrames,
    );
    this.#fragment(frame.fragment, frame.endHeaders);
  }

  /**
   * CONTINUATION: the block's next fragment; an empty one that ends nothing is
   * counted.
   */
  continuation(frame: ContinuationFrame): void {
    if (frame.fragment.length === 0 && !frame.endHeaders && !this.#countEmpty())
      return;
    this.#fragment(frame.fragment, frame.endHeaders);
  }

  /**
   * One fragment into the block: an error fails the connection (the HPACK
   * tables are lost with it); more arms the headers timer; done decodes.
   */
  #fragment(fragment: Uint8Array, last: boolean): void {
    const block = this.#block as FieldBlock;
    const step = block.add(fragment, last);
    if (step.kind === "error") {
      this.connection.fail(step.error);
      return;
    }
    this.connection.headerBlock(step.kind === "more");
    if (step.kind === "done") {
      this.#block = undefined;
      this.#fieldBlock(block.streamId, step.block, block.endStream);
    }
  }

  /**
   * A whole field block: decoded first, always, since HPACK's table must
   * stay in step even for a stream we refuse (§4.3); then trailers of an
   * open stream, or a new stream.
   *
   * @exercise
   */
  #fieldBlock(id: number, block: Uint8Array, endStream: boolean): void {
    throw new NotImplemented({
      chapter: "13",
      name: "Streams.#fieldBlock",
      file: "exercises/13-http2-streams/streams.ts",
      hint: "decode first, whatever happens next; then: an open stream's trailers, a stream we closed, or a new one.",
    });
  }

  /**
   * A new stream: the request mapped and handed to the handler, or the
   * stream refused. `fields` undefined: the header list was too large
   * (§10.5.1: 431).
   *
   * @exercise
   */
  #open(id: number, fields: HeaderList | undefined, endStream: boolean): void {
    throw new NotImplemented({
      chapter: "13",
      name: "Streams.#open",
      file: "exercises/13-http2-streams/streams.ts",
      hint: "create the stream, move it to open, then map the request; every refusal has its own answer.",
    });
  }

  /**
   * A field block on an open stream: its trailers (§8.1).
   *
   * @exercise
   */
  #trailers(stream: H2Stream, fields: HeaderList, endStream: boolean): void {
    throw new NotImplemented({
      chapter: "13",
      name: "Streams.#trailers",
      file: "exercises/13-http2-streams/streams.ts",
      hint: "trailers are a second field block: it must end the stream, and carry only regular fields.",
    });
  }

  /** END_STREAM received: Content-Length must match the DATA (§8.1.1). */
  #endOfBody(stream: H2Stream): boolean {
    const { contentLength, received } = stream;
    if (contentLength !== undefined && contentLength !== received) {
      this.reset(
        stream.id,
        "PROTOCOL_ERROR",
        "content-length does not match DATA",
      );
      return false;
    }
    if (!this.step(stream, "recv-end")) return false;
    if (stream.state === "closed") this.responder.close(stream, "ended");
    return true;
  }

  /**
   * DATA: counted against both receive windows, then against the
   * request's declared length and the body limit, then handed to the
   * handler's body.
   *
   * @exercise
   */
  data(frame: DataFrame): void {
    throw new NotImplemented({
      chapter: "13",
      name: "Streams.data",
      file: "exercises/13-http2-streams/streams.ts",
      hint: "flow control first, for every DATA frame, even one for a stream that is gone; then the stream's own rules.",
    });
  }

  /** A frame for a stream that is not in the table: idle, or closed. */
  #notOpen(id: number, event: StreamEvent): void {
    const remembered = this.#closed.get(id);
    if (remembered === "reset") return; // §5.1: in flight when we reset it
    if (remembered === "peer-reset" && event !== "recv-rst") {
      // §5.1: "any frame other than PRIORITY after receiving a RST_STREAM".
      this.reset(id, "STREAM_CLOSED", `${event} after RST_STREAM`);
      return;
    }
    const ghost = new H2Stream(id, 0, 0);
    ghost.state = id > this.highest ? "idle" : "closed";
    this.step(ghost, event);
  }

  /**
   * The handler has read what was held (or none was): give the windows
   * back by the replenish policy (flow-window.ts).
   *
   * @exercise
   */
  #credit(stream: H2Stream): void {
    throw new NotImplemented({
      chapter: "13",
      name: "Streams.#credit",
      file: "exercises/13-http2-streams/streams.ts",
      hint: "the handler has caught up: what it consumed may be sent again.",
    });
  }

  #creditConnection(): void {
    const target = this.connection.options.connectionWindow;
    const more = replenish(this.#recvWindow, target, this.#held);
    if (more > 0) {
      this.#recvWindow += more;
      this.connection.out.windowUpdate(0, more);
    }
  }

  /** An empty frame that ends nothing: within the budget? (§10.5) */
  #countEmpty(): boolean {
    if (++this.#emptyFrames <= this.connection.options.maxEmptyFrames)
      return true;
    this.connection.fail(
      connectionError("ENHANCE_YOUR_CALM", "too many empty frames"),
    );
    return false;
  }

  /**
   * The client reset a stream (§6.4): it closes now, and the reset is counted.
   */
  rst(frame: RstStreamFrame): void {
    const stream = this.all.get(frame.streamId);
    if (stream === undefined) {
      this.#notOpen(frame.streamId, "recv-rst");
      return;
    }
    this.step(stream, "recv-rst");
    this.responder.close(stream, "peer-reset");
    this.#spendReset();
  }

  priority(frame: PriorityFrame): void {
    // RFC 7540 priorities are ignored (§5.3.2), but not their one error.
    if (frame.priority.dependsOn === frame.streamId) {
      this.reset(frame.streamId, "PROTOCOL_ERROR", "stream depends on itself");
    }
  }

  /**
   * WINDOW_UPDATE on a stream: more room to send its response.
   *
   * @exercise
   */
  windowUpdate(frame: WindowUpdateFrame): void {
    throw new NotImplemented({
      chapter: "13",
      name: "Streams.windowUpdate",
      file: "exercises/13-http2-streams/streams.ts",
      hint: "find the stream, let the state machine agree, grow its window, send what now fits.",
    });
  }

  /**
   * SETTINGS_INITIAL_WINDOW_SIZE changed: every stream's send window moves
   * by the difference (§6.9.2); false when one would pass 2^31-1.
   *
   * @exercise
   */
  setInitialWindow(value: number): boolean {
    throw new NotImplemented({
      chapter: "13",
      name: "Streams.setInitialWindow",
      file: "exercises/13-http2-streams/streams.ts",
      hint: "every stream's window moves by the same amount, up or down.",
    });
  }

  /** PRIORITY_UPDATE (RFC 9218 §7.1): now, or when the stream opens. */
  reprioritize(id: number, value: string): void {
    const stream = this.all.get(id);
    if (stream !== undefined) {
      stream.priority = parsePriority(value, stream.priority);
      const scheduler = this.connection.out.scheduler;
      if (scheduler.priorityOf(id) !== undefined)
        scheduler.add(id, stream.priority);
      return;
    }
    if (id <= this.highest) return;
    // Bounded like the streams themselves: the client cannot make us hold more.
    if (
      this.#pendingPriority.size >= this.connection.options.maxConcurrentStreams
    )
      return;
    this.#pendingPriority.set(id, value);
  }

  /**
   * A stream error (§5.4.2): RST_STREAM, and the stream closes.
   *
   * @exercise
   */
  reset(id: number, code: ErrorCodeName, reason: string): void {
    throw new NotImplemented({
      chapter: "13",
      name: "Streams.reset",
      file: "exercises/13-http2-streams/streams.ts",
      hint: "tell the client, close the stream, count the reset.",
    });
  }

  /** Rapid reset (CVE-2023-44487): resets, theirs or ours, per window. */
  #spendReset(): void {
    if (this.#resets.spend(this.connection.options.clock())) return;
    const error: FrameError = connectionError(
      "ENHANCE_YOUR_CALM",
      "too many stream resets",
    );
    this.connection.fail(error);
  }

  /**
   * A closed stream's id and how it closed, the oldest forgotten past
   * REMEMBERED.
   */
  remember(id: number, how: ClosedHow): void {
    this.#closed.set(id, how);
    if (this.#closed.size > REMEMBERED) {
      const oldest = this.#closed.keys().next().value as number;
      this.#closed.delete(oldest);
    }
  }

  /** Streams whose send window stayed at zero too long: CANCEL (§10.5). */
  resetStalled(now: number, limit: number): void {
    for (const stream of [...this.all.values()]) {
      const since = stream.blockedSince;
      if (since !== undefined && now - since >= limit) {
        this.reset(stream.id, "CANCEL", "window stalled");
      }
    }
  }

  /**
   * A handler is waiting for request body bytes the client has not sent
   * (chapter 10's slow-POST watchdog): a stream still open for the client,
   * with nothing of its body buffered.
   */
  get awaitingBody(): boolean {
    for (const stream of this.all.values()) {
      const body = stream.body;
      if (body !== undefined && stream.state === "open" && !body.full)
        return true;
    }
    return false;
  }

  /** The connection is gone: every handler's signal fires. */
  abandonAll(why: string): void {
    for (const stream of [...this.all.values()])
      this.responder.close(stream, "reset", why);
  }
}
