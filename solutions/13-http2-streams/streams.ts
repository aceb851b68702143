/**
 * The streams of one connection: the table of open streams, the state
 * machine every stream frame passes through, and how streams end
 * (RFC 9113 §5.1, §5.4.2, §6.4, §6.9).
 *
 *   HEADERS (+CONTINUATION) ─▶ inbound-headers.ts ─▶ a new stream, or
 *       an open stream's trailers
 *   DATA ─▶ inbound-data.ts ─▶ windows ─▶ the request's BodyStream
 *   WINDOW_UPDATE ─▶ the stream's send window ─▶ the DATA pump
 *   RST_STREAM ─▶ the handler's signal fires, the stream closes
 *
 * Closed streams are forgotten, but the last few ids are remembered with
 * how they closed (closed-streams.ts): a frame for a stream we reset may
 * still be in flight and must be ignored (§5.1, "closed"), while one for
 * a stream that ended normally is the client's error.
 */
import type { ConnectionInfo, Handler } from "#ch03/message.ts";
import type { ErrorCodeName } from "#ch11/error-codes.ts";
import { connectionError, type FrameError } from "#ch11/frame-error.ts";
import type {
  ContinuationFrame,
  DataFrame,
  HeadersFrame,
  PriorityFrame,
  RstStreamFrame,
  WindowUpdateFrame,
} from "#ch11/frames.ts";
import { type ClosedHow, ClosedStreams } from "./closed-streams.ts";
import { RateBudget } from "./flood-guard.ts";
import { grow } from "./flow-window.ts";
import type { H2Connection } from "./h2-connection.ts";
import { H2Stream } from "./h2-stream.ts";
import { InboundData } from "./inbound-data.ts";
import { InboundHeaders } from "./inbound-headers.ts";
import { parsePriority } from "./priority.ts";
import { Responder } from "./responder.ts";
import { StreamTable } from "./stream-table.ts";
import { type StreamEvent, transition } from "./stream-state.ts";

export class Streams {
  /** The open streams, by id (a table, not a Map: stream-table.ts says why). */
  readonly all = new StreamTable<H2Stream>();
  /** The highest stream id the client has opened (§5.1.1). */
  highest = 0;
  active = 0;
  readonly responder: Responder;
  /** Field blocks in (inbound-headers.ts), DATA in (inbound-data.ts). */
  readonly headersIn: InboundHeaders;
  readonly dataIn: InboundData;
  readonly #resets: RateBudget;
  /** The client's SETTINGS_INITIAL_WINDOW_SIZE (§6.9.2). */
  peerInitial = 65_535;
  #emptyFrames = 0;
  readonly #closed = new ClosedStreams();

  constructor(
    readonly connection: H2Connection,
    readonly info: ConnectionInfo,
    handler: Handler,
  ) {
    const o = connection.options;
    this.#resets = new RateBudget(o.maxResetsPerWindow, o.resetWindowMs);
    this.headersIn = new InboundHeaders(this);
    this.dataIn = new InboundData(this);
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

  /** HEADERS: a field block begins (inbound-headers.ts). */
  headers(frame: HeadersFrame): void {
    this.headersIn.headers(frame);
  }

  /** CONTINUATION: the block goes on (inbound-headers.ts). */
  continuation(frame: ContinuationFrame): void {
    this.headersIn.continuation(frame);
  }

  /** DATA: the windows, then the request's body (inbound-data.ts). */
  data(frame: DataFrame): void {
    this.dataIn.data(frame);
  }

  /** How a remembered closed stream closed (closed-streams.ts). */
  closedHow(id: number): ClosedHow | undefined {
    return this.#closed.get(id);
  }

  /** A frame for a stream that is not in the table: idle, or closed. */
  notOpen(id: number, event: StreamEvent): void {
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

  /** An empty frame that ends nothing: within the budget? (§10.5) */
  countEmpty(): boolean {
    if (++this.#emptyFrames <= this.connection.options.maxEmptyFrames)
      return true;
    this.connection.fail(
      connectionError("ENHANCE_YOUR_CALM", "too many empty frames"),
    );
    return false;
  }

  /**
   * The client reset a stream (§6.4): it closes now, and the reset is
   * counted.
   */
  rst(frame: RstStreamFrame): void {
    const stream = this.all.get(frame.streamId);
    if (stream === undefined) {
      this.notOpen(frame.streamId, "recv-rst");
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
   * @hint nudge: find the stream, let the state machine agree, grow its window,
   *   send what now fits.
   * @hint concept: RFC 9113 §6.9: WINDOW_UPDATE on a stream we forgot is fine
   *   (closed), on an idle one a connection PROTOCOL_ERROR; past 2^31-1 is a
   *   stream error FLOW_CONTROL_ERROR (§6.9.1).
   * @hint solution: an unknown stream goes to notOpen with recv-window. A
   *   known one must step recv-window. grow its send window by the increment:
   *   not ok resets it FLOW_CONTROL_ERROR; else keep the new window and wake
   *   the outbound pump.
   */
  windowUpdate(frame: WindowUpdateFrame): void {
    const stream = this.all.get(frame.streamId);
    if (stream === undefined) {
      this.notOpen(frame.streamId, "recv-window");
      return;
    }
    if (!this.step(stream, "recv-window")) return;
    const grown = grow(stream.sendWindow, frame.increment);
    if (!grown.ok) {
      this.reset(stream.id, "FLOW_CONTROL_ERROR", "window past 2^31-1");
      return;
    }
    stream.sendWindow = grown.window;
    this.connection.out.wake();
  }

  /**
   * SETTINGS_INITIAL_WINDOW_SIZE changed: every stream's send window moves
   * by the difference (§6.9.2); false when one would pass 2^31-1.
   *
   * @exercise
   * @hint nudge: every stream's window moves by the same amount, up or down.
   * @hint concept: RFC 9113 §6.9.2: a change of SETTINGS_INITIAL_WINDOW_SIZE
   *   adjusts the size of all stream flow-control windows by the difference
   *   between the new and the old value; the result may be negative, and one
   *   past 2^31-1 is a connection FLOW_CONTROL_ERROR.
   * @hint solution: the difference from peerInitial, which then takes the new
   *   value. grow every stream's send window by it; the first that is not ok
   *   makes the answer false (the caller fails the connection); else true.
   */
  setInitialWindow(value: number): boolean {
    const delta = value - this.peerInitial;
    this.peerInitial = value;
    for (const stream of this.all.values()) {
      const grown = grow(stream.sendWindow, delta);
      if (!grown.ok) return false;
      stream.sendWindow = grown.window;
    }
    return true;
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
    if (id > this.highest) this.headersIn.priorityLater(id, value);
  }

  /**
   * A stream error (§5.4.2): RST_STREAM, and the stream closes.
   *
   * @exercise
   * @hint nudge: tell the client, close the stream, count the reset.
   * @hint concept: RFC 9113 §5.4.2: a stream error sends RST_STREAM with its
   *   code and closes that stream only; it is remembered, so frames still in
   *   flight for it are ignored (§5.1). Resets we send count toward the
   *   rapid-reset budget, except NO_ERROR and CANCEL.
   * @hint solution: nothing once the connection is closed. Send RST_STREAM
   *   with the code. A known stream is marked closed and closed by the
   *   responder as 'reset'; an unknown one is just remembered as reset. Spend
   *   the reset budget unless NO_ERROR or CANCEL; log at info.
   */
  reset(id: number, code: ErrorCodeName, reason: string): void {
    if (this.connection.phase === "closed") return;
    this.connection.out.rstStream(id, code);
    const stream = this.all.get(id);
    if (stream !== undefined) {
      stream.state = "closed";
      this.responder.close(stream, "reset");
    } else this.remember(id, "reset");
    if (code !== "NO_ERROR" && code !== "CANCEL") this.#spendReset();
    this.connection.options.logger.info?.("h2 stream reset", {
      id,
      code,
      reason,
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

  /** A closed stream's id and how it closed (closed-streams.ts). */
  remember(id: number, how: ClosedHow): void {
    this.#closed.remember(id, how);
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
