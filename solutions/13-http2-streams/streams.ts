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
import { getHeader } from "#ch02/header-list.ts";
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
import { type ClosedHow, ClosedStreams } from "./closed-streams.ts";
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

export class Streams {
  readonly all = new Map<number, H2Stream>();
  /** The highest stream id the client has opened (§5.1.1). */
  highest = 0;
  active = 0;
  readonly responder: Responder;
  readonly #hpack: HpackDecoder;
  readonly #resets: RateBudget;
  #block: FieldBlock | undefined;
  /** Our receive window for the connection, and the body bytes held for handlers. */
  #recvWindow: number;
  #held = 0;
  /** The client's SETTINGS_INITIAL_WINDOW_SIZE (§6.9.2). */
  #peerInitial = 65_535;
  #emptyFrames = 0;
  readonly #closed = new ClosedStreams();
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
    if (next.scope === "connection") this.connection.fail(connectionError(next.code, next.reason));
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

  /** CONTINUATION: the block's next fragment; an empty one that ends nothing is counted. */
  continuation(frame: ContinuationFrame): void {
    if (frame.fragment.length === 0 && !frame.endHeaders && !this.#countEmpty()) return;
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
   * @hint nudge: decode first, whatever happens next; then: an open stream's
   *   trailers, a stream we closed, or a new one.
   * @hint concept: RFC 9113 §4.3: every field block must be decoded, or HPACK's
   *   tables fall out of step. §5.1: HEADERS on a stream we reset may still be
   *   in flight and is ignored; on one that ended it is STREAM_CLOSED. §5.1.1:
   *   a new id must pass checkNewStreamId. §5.1.2: past
   *   SETTINGS_MAX_CONCURRENT_STREAMS the stream is refused with
   *   REFUSED_STREAM. After the final GOAWAY, streams above its last id are
   *   ignored (§6.8).
   * @hint solution: const decoded = #hpack.decode(block); error ->
   *   connection.fail; a known stream -> #trailers (or reset when too large);
   *   remembered 'reset' -> return; remembered 'ended' -> step a closed ghost
   *   with recv-headers; checkNewStreamId -> fail; highest = id; not accepting
   *   or id > lastStreamId -> return; active >= max -> reset REFUSED_STREAM;
   *   else #open(id, fields or undefined, endStream).
   */
  #fieldBlock(id: number, block: Uint8Array, endStream: boolean): void {
    const decoded = this.#hpack.decode(block);
    if (decoded.kind === "error") {
      this.connection.fail(decoded.error);
      return;
    }
    const stream = this.all.get(id);
    if (stream !== undefined) {
      if (decoded.kind !== "fields") {
        this.reset(id, "PROTOCOL_ERROR", "trailers too large");
        return;
      }
      this.#trailers(stream, decoded.fields, endStream);
      return;
    }
    const remembered = this.#closed.get(id);
    if (remembered !== undefined) {
      if (remembered === "reset") return; // §5.1: in flight when we reset it
      if (remembered === "peer-reset") {
        this.reset(id, "STREAM_CLOSED", "HEADERS after RST_STREAM");
        return;
      }
      const closed = new H2Stream(id, 0, 0);
      closed.state = "closed";
      this.step(closed, "recv-headers");
      return;
    }
    const bad = checkNewStreamId(id, this.highest);
    if (bad !== undefined) {
      this.connection.fail(bad);
      return;
    }
    this.highest = id;
    if (!this.connection.accepting || id > this.connection.lastStreamId) return;
    if (this.active >= this.connection.options.maxConcurrentStreams) {
      this.reset(id, "REFUSED_STREAM", "too many concurrent streams");
      return;
    }
    this.#open(id, decoded.kind === "fields" ? decoded.fields : undefined, endStream);
  }

  /**
   * A new stream: the request mapped and handed to the handler, or the
   * stream refused. `fields` undefined: the header list was too large
   * (§10.5.1: 431).
   *
   * @exercise
   * @hint nudge: create the stream, move it to open, then map the request;
   *   every refusal has its own answer.
   * @hint concept: RFC 9113 §8.3.1: a malformed request is a stream error
   *   PROTOCOL_ERROR; §10.5.1: a header list too large gets 431; RFC 9218 §4:
   *   the Priority field sets the urgency, and a PRIORITY_UPDATE that arrived
   *   first wins; §8.1.1: END_STREAM with a non-zero Content-Length is
   *   malformed; Content-Length above maxBodyBytes gets 413 without calling the
   *   handler.
   * @hint solution: new H2Stream(id, #peerInitial, streamWindow); set it in
   *   all; active++; connection.busyAgain(); step recv-headers (and recv-end
   *   when endStream); no fields -> responder.refuse(431); mapRequest -> reset
   *   on failure; copy method and contentLength; parsePriority of the field,
   *   then of a pending update; the two length checks; body = endStream ?
   *   undefined : new BodyStream(contentLength, 1, () => #credit(stream));
   *   request = new H2Request(...); responder.dispatch(stream).
   */
  #open(id: number, fields: HeaderList | undefined, endStream: boolean): void {
    const o = this.connection.options;
    const stream = new H2Stream(id, this.#peerInitial, o.streamWindow);
    this.all.set(id, stream);
    this.active++;
    this.connection.busyAgain();
    this.step(stream, "recv-headers");
    if (endStream) this.step(stream, "recv-end");
    if (fields === undefined) {
      this.responder.refuse(stream, 431, "header list too large");
      return;
    }
    const mapped = mapRequest(fields);
    if (!mapped.ok) {
      this.reset(id, "PROTOCOL_ERROR", mapped.reason);
      return;
    }
    const request = mapped.request;
    stream.method = request.method;
    stream.contentLength = request.contentLength;
    const field = getHeader(request.headers, "priority");
    if (field !== undefined) stream.priority = parsePriority(field);
    const update = this.#pendingPriority.get(id);
    if (update !== undefined) stream.priority = parsePriority(update, stream.priority);
    if (this.#pendingPriority.size > 0) this.#pendingPriority.delete(id);
    if (endStream && (request.contentLength ?? 0) !== 0) {
      this.reset(id, "PROTOCOL_ERROR", "content-length without DATA");
      return;
    }
    if ((request.contentLength ?? 0) > o.maxBodyBytes) {
      this.responder.refuse(stream, 413, "request content too large");
      return;
    }
    stream.body = endStream
      ? undefined
      : new BodyStream(request.contentLength, 1, () => this.#credit(stream));
    stream.request = new H2Request(request, stream.body ?? EMPTY_BODY, this.info);
    this.responder.dispatch(stream);
  }

  /**
   * A field block on an open stream: its trailers (§8.1).
   *
   * @exercise
   * @hint nudge: trailers are a second field block: it must end the stream, and
   *   carry only regular fields.
   * @hint concept: RFC 9113 §8.1: a trailer section is a HEADERS frame with
   *   END_STREAM; one without it is malformed, and so are pseudo-header fields
   *   in it (§8.3). The body ends with the trailers, filtered like chunked
   *   trailers (chapter 04's filterTrailers).
   * @hint solution: step 'recv-headers' or return; !endStream -> reset
   *   PROTOCOL_ERROR; any name starting with ':' or failing checkRegularField
   *   -> reset PROTOCOL_ERROR; if #endOfBody(stream) is false return;
   *   body.end(filterTrailers(fields)).
   */
  #trailers(stream: H2Stream, fields: HeaderList, endStream: boolean): void {
    if (!this.step(stream, "recv-headers")) return;
    if (!endStream) {
      this.reset(stream.id, "PROTOCOL_ERROR", "trailers without END_STREAM");
      return;
    }
    for (const [name, value] of fields) {
      if (name.startsWith(":") || checkRegularField(name, value) !== undefined) {
        this.reset(stream.id, "PROTOCOL_ERROR", `bad trailer ${name}`);
        return;
      }
    }
    if (!this.#endOfBody(stream)) return;
    stream.body?.end(filterTrailers(fields));
  }

  /** END_STREAM received: Content-Length must match the DATA (§8.1.1). */
  #endOfBody(stream: H2Stream): boolean {
    const { contentLength, received } = stream;
    if (contentLength !== undefined && contentLength !== received) {
      this.reset(stream.id, "PROTOCOL_ERROR", "content-length does not match DATA");
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
   * @hint nudge: flow control first, for every DATA frame, even one for a
   *   stream that is gone; then the stream's own rules.
   * @hint concept: RFC 9113 §6.9: the whole frame, padding included,
   *   counts against the connection window and the stream window; past
   *   either is FLOW_CONTROL_ERROR (connection, or stream). §6.1: DATA on a
   *   stream that is not open is STREAM_CLOSED. §8.1.1: more than
   *   Content-Length is malformed.
   * @hint solution: const length = flowControlledLength(frame); const left =
   *   consume(#recvWindow, length); undefined -> connection
   *   FLOW_CONTROL_ERROR; #recvWindow = left. Find the stream; none -> credit
   *   the connection; if it was remembered closed by "reset" return, else the
   *   closed/idle rules via step(); otherwise step(stream, "recv-data");
   *   consume its window (undefined -> reset FLOW_CONTROL_ERROR); received +=
   *   data length; check contentLength and maxBodyBytes; push to the body,
   *   hold the bytes until the handler reads them; endStream -> #endOfBody
   *   then body.end().
   */
  data(frame: DataFrame): void {
    const length = flowControlledLength(frame);
    const left = consume(this.#recvWindow, length);
    if (left === undefined) {
      this.connection.fail(connectionError("FLOW_CONTROL_ERROR", "connection window"));
      return;
    }
    this.#recvWindow = left;
    if (length === 0 && !frame.endStream && !this.#countEmpty()) return;
    const stream = this.all.get(frame.streamId);
    if (stream === undefined) {
      this.#creditConnection();
      this.#notOpen(frame.streamId, "recv-data");
      return;
    }
    if (!this.step(stream, "recv-data")) {
      this.#creditConnection();
      return;
    }
    const streamLeft = consume(stream.recvWindow, length);
    if (streamLeft === undefined) {
      this.#creditConnection();
      this.reset(stream.id, "FLOW_CONTROL_ERROR", "stream window");
      return;
    }
    stream.recvWindow = streamLeft;
    stream.received += frame.data.byteLength;
    if (stream.contentLength !== undefined && stream.received > stream.contentLength) {
      this.reset(stream.id, "PROTOCOL_ERROR", "DATA beyond content-length");
      return;
    }
    const body = stream.body;
    stream.unreturned += length;
    this.#held += length;
    if (stream.received > this.connection.options.maxBodyBytes) {
      body?.fail(new Error("request content too large"));
      this.responder.refuse(stream, 413, "request content too large");
    } else if (frame.data.byteLength > 0) body?.push(frame.data);
    if (body === undefined || !body.full) this.#credit(stream);
    if (frame.endStream && this.#endOfBody(stream)) body?.end();
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
   * @hint nudge: the handler has caught up: what it consumed may be sent again.
   * @hint concept: RFC 9113 §6.9: WINDOW_UPDATE gives the sender room again.
   *   Only a stream still receiving (open or half-closed local) gets one; the
   *   connection gets its share of every byte, held bytes excepted
   *   (flow-window.ts replenish).
   * @hint solution: #held -= stream.unreturned; stream.unreturned = 0; if the
   *   stream still receives, more = replenish(recvWindow, streamWindow, 0) and,
   *   when > 0, add it to recvWindow and out.windowUpdate(id, more); then
   *   #creditConnection().
   */
  #credit(stream: H2Stream): void {
    this.#held -= stream.unreturned;
    stream.unreturned = 0;
    const o = this.connection.options;
    const receiving = stream.state === "open" || stream.state === "half-closed-local";
    const more = receiving ? replenish(stream.recvWindow, o.streamWindow, 0) : 0;
    if (more > 0) {
      stream.recvWindow += more;
      this.connection.out.windowUpdate(stream.id, more);
    }
    this.#creditConnection();
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
    if (++this.#emptyFrames <= this.connection.options.maxEmptyFrames) return true;
    this.connection.fail(connectionError("ENHANCE_YOUR_CALM", "too many empty frames"));
    return false;
  }

  /** The client reset a stream (§6.4): it closes now, and the reset is counted. */
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
   * @hint nudge: find the stream, let the state machine agree, grow its window,
   *   send what now fits.
   * @hint concept: RFC 9113 §6.9: WINDOW_UPDATE on a stream we forgot is fine
   *   (closed), on an idle one a connection PROTOCOL_ERROR; past 2^31-1 is a
   *   stream error FLOW_CONTROL_ERROR (§6.9.1).
   * @hint solution: stream = all.get(id); none -> #notOpen(id, 'recv-window');
   *   step 'recv-window' or return; grown = grow(sendWindow, increment); not ok
   *   -> reset FLOW_CONTROL_ERROR; sendWindow = grown.window;
   *   connection.out.wake().
   */
  windowUpdate(frame: WindowUpdateFrame): void {
    const stream = this.all.get(frame.streamId);
    if (stream === undefined) {
      this.#notOpen(frame.streamId, "recv-window");
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
   * @hint solution: const delta = value - #peerInitial; #peerInitial = value;
   *   for each stream: grown = grow(sendWindow, delta); if (!grown.ok) return
   *   false; sendWindow = grown.window. return true.
   */
  setInitialWindow(value: number): boolean {
    const delta = value - this.#peerInitial;
    this.#peerInitial = value;
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
      if (scheduler.priorityOf(id) !== undefined) scheduler.add(id, stream.priority);
      return;
    }
    if (id <= this.highest) return;
    // Bounded like the streams themselves: the client cannot make us hold more.
    if (this.#pendingPriority.size >= this.connection.options.maxConcurrentStreams) return;
    this.#pendingPriority.set(id, value);
  }

  /**
   * A stream error (§5.4.2): RST_STREAM, and the stream closes.
   *
   * @exercise
   * @hint nudge: tell the client, close the stream, count the reset.
   * @hint concept: RFC 9113 §5.4.2: a stream error sends RST_STREAM with its
   *   code and closes that stream only. A reset stream is remembered so frames
   *   still in flight for it are ignored (§5.1). Resets we send count toward
   *   the rapid reset budget too, except NO_ERROR and CANCEL, which are ours to
   *   choose.
   * @hint solution: return if the connection is closed; out.rstStream(id,
   *   code); a known stream: state = 'closed' and responder.close(stream,
   *   'reset'); otherwise remember(id, 'reset'); unless NO_ERROR or CANCEL,
   *   #spendReset(); log at info.
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
    this.connection.options.logger.info?.("h2 stream reset", { id, code, reason });
  }

  /** Rapid reset (CVE-2023-44487): resets, theirs or ours, per window. */
  #spendReset(): void {
    if (this.#resets.spend(this.connection.options.clock())) return;
    const error: FrameError = connectionError("ENHANCE_YOUR_CALM", "too many stream resets");
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
      if (body !== undefined && stream.state === "open" && !body.full) return true;
    }
    return false;
  }

  /** The connection is gone: every handler's signal fires. */
  abandonAll(why: string): void {
    for (const stream of [...this.all.values()]) this.responder.close(stream, "reset", why);
  }
}
