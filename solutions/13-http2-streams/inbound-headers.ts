/**
 * Field blocks from the client: HEADERS and its CONTINUATIONs joined,
 * decoded with the connection's HPACK decoder, and turned into a new
 * stream's request or an open stream's trailers (RFC 9113 §4.3, §5.1,
 * §8.1, §8.3).
 *
 *   HEADERS (+CONTINUATION) ─▶ FieldBlock ─▶ HPACK ─▶ new stream? ─▶
 *       mapRequest ─▶ H2Request ─▶ Responder.dispatch
 *                                  └─ open stream ─▶ trailers ─▶ its body
 *
 * The decoder lives here, one per connection: HPACK state belongs to the
 * connection, not to a stream (RFC 7541 §2.2), and every block must pass
 * through it in the order the blocks arrived, even a refused one.
 */
import type { HeaderList } from "#ch03/message.ts";
import { getHeader } from "#ch02/header-list.ts";
import { BodyStream, EMPTY_BODY } from "#ch03/request-body.ts";
import { filterTrailers } from "#ch04/trailer-fields.ts";
import type { ContinuationFrame, HeadersFrame } from "#ch11/frames.ts";
import { HpackDecoder } from "#ch12/hpack-decoder.ts";
import { FieldBlock } from "./field-block.ts";
import { H2Request } from "./h2-request.ts";
import { H2Stream } from "./h2-stream.ts";
import { parsePriority } from "./priority.ts";
import { checkRegularField } from "./request-fields.ts";
import { mapRequest } from "./request-mapping.ts";
import { checkNewStreamId } from "./stream-ids.ts";
import type { Streams } from "./streams.ts";

export class InboundHeaders {
  readonly #hpack: HpackDecoder;
  /** The field block being received, until END_HEADERS. */
  #block: FieldBlock | undefined;
  /** PRIORITY_UPDATEs for streams not open yet (RFC 9218 §7.1). */
  readonly #pendingPriority = new Map<number, string>();

  constructor(private readonly streams: Streams) {
    const o = streams.connection.options;
    this.#hpack = new HpackDecoder({
      maxTableSize: o.headerTableSize,
      maxHeaderListSize: o.maxHeaderListSize,
    });
  }

  /**
   * A PRIORITY_UPDATE for a stream the client has not opened yet: kept
   * until it opens, bounded like the streams themselves, so the client
   * cannot make us hold more.
   */
  priorityLater(id: number, value: string): void {
    const max = this.streams.connection.options.maxConcurrentStreams;
    if (this.#pendingPriority.size < max) this.#pendingPriority.set(id, value);
  }

  /**
   * HEADERS starts a field block (§4.3), under the byte and frame budgets
   * of the CONTINUATION flood defence; a stream that depends on itself is
   * refused first (§5.3.1).
   */
  headers(frame: HeadersFrame): void {
    if (frame.priority?.dependsOn === frame.streamId) {
      // §5.3.1: "A stream cannot depend on itself."
      this.streams.reset(
        frame.streamId,
        "PROTOCOL_ERROR",
        "stream depends on itself",
      );
      return;
    }
    const o = this.streams.connection.options;
    this.#block = new FieldBlock(
      frame.streamId,
      frame.endStream,
      o.maxHeaderBlockBytes,
      o.maxHeaderFrames,
    );
    this.#fragment(frame.fragment, frame.endHeaders);
  }

  /**
   * CONTINUATION: the block's next fragment; an empty one that ends nothing
   * is counted.
   */
  continuation(frame: ContinuationFrame): void {
    if (
      frame.fragment.length === 0 &&
      !frame.endHeaders &&
      !this.streams.countEmpty()
    )
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
      this.streams.connection.fail(step.error);
      return;
    }
    this.streams.connection.headerBlock(step.kind === "more");
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
   * @hint concept: §4.3: decode every block, or HPACK falls out of step. §5.1:
   *   HEADERS on a stream we reset is ignored, on one that ended STREAM_CLOSED.
   *   A new id passes checkNewStreamId; past MAX_CONCURRENT_STREAMS,
   *   REFUSED_STREAM; above a final GOAWAY's id, ignored.
   * @hint solution: decode (an error fails the connection). A live stream:
   *   #trailers, or reset if too large. closedHow: ignore 'reset', reset
   *   'peer-reset' STREAM_CLOSED, step a closed stand-in for 'ended'. A new id:
   *   checkNewStreamId, highest, GOAWAY's limit, REFUSED_STREAM, then #open.
   */
  #fieldBlock(id: number, block: Uint8Array, endStream: boolean): void {
    const decoded = this.#hpack.decode(block);
    if (decoded.kind === "error") {
      this.streams.connection.fail(decoded.error);
      return;
    }
    const stream = this.streams.all.get(id);
    if (stream !== undefined) {
      if (decoded.kind !== "fields") {
        this.streams.reset(id, "PROTOCOL_ERROR", "trailers too large");
        return;
      }
      this.#trailers(stream, decoded.fields, endStream);
      return;
    }
    const remembered = this.streams.closedHow(id);
    if (remembered !== undefined) {
      if (remembered === "reset") return; // §5.1: in flight when we reset it
      if (remembered === "peer-reset") {
        this.streams.reset(id, "STREAM_CLOSED", "HEADERS after RST_STREAM");
        return;
      }
      const closed = new H2Stream(id, 0, 0);
      closed.state = "closed";
      this.streams.step(closed, "recv-headers");
      return;
    }
    const bad = checkNewStreamId(id, this.streams.highest);
    if (bad !== undefined) {
      this.streams.connection.fail(bad);
      return;
    }
    this.streams.highest = id;
    if (
      !this.streams.connection.accepting ||
      id > this.streams.connection.lastStreamId
    )
      return;
    if (
      this.streams.active >=
      this.streams.connection.options.maxConcurrentStreams
    ) {
      this.streams.reset(id, "REFUSED_STREAM", "too many concurrent streams");
      return;
    }
    this.#open(
      id,
      decoded.kind === "fields" ? decoded.fields : undefined,
      endStream,
    );
  }

  /**
   * A new stream: the request mapped and handed to the handler, or the
   * stream refused. `fields` undefined: the header list was too large
   * (§10.5.1: 431).
   *
   * @exercise
   * @hint nudge: create the stream, move it to open, then map the request;
   *   every refusal has its own answer.
   * @hint concept: §8.3.1: a malformed request is a stream PROTOCOL_ERROR;
   *   §10.5.1: too large a field list is 431; RFC 9218 §4: Priority sets
   *   urgency unless a PRIORITY_UPDATE came first; §8.1.1: END_STREAM with
   *   Content-Length above 0 is malformed; above maxBodyBytes, 413.
   * @hint solution: a new H2Stream in the table, counted active, busyAgain,
   *   stepped recv-headers (and recv-end with END_STREAM). Then in the
   *   concept's order: 431, mapRequest, priority (field, then pending update),
   *   the two Content-Length checks; a BodyStream whose pull credits; dispatch.
   */
  #open(id: number, fields: HeaderList | undefined, endStream: boolean): void {
    const o = this.streams.connection.options;
    const stream = new H2Stream(id, this.streams.peerInitial, o.streamWindow);
    this.streams.all.set(id, stream);
    this.streams.active++;
    this.streams.connection.busyAgain();
    this.streams.step(stream, "recv-headers");
    if (endStream) this.streams.step(stream, "recv-end");
    if (fields === undefined) {
      this.streams.responder.refuse(stream, 431, "header list too large");
      return;
    }
    const mapped = mapRequest(fields);
    if (!mapped.ok) {
      this.streams.reset(id, "PROTOCOL_ERROR", mapped.reason);
      return;
    }
    const request = mapped.request;
    stream.method = request.method;
    stream.contentLength = request.contentLength;
    const field = getHeader(request.headers, "priority");
    if (field !== undefined) stream.priority = parsePriority(field);
    const update = this.#pendingPriority.get(id);
    if (update !== undefined)
      stream.priority = parsePriority(update, stream.priority);
    if (this.#pendingPriority.size > 0) this.#pendingPriority.delete(id);
    if (endStream && (request.contentLength ?? 0) !== 0) {
      this.streams.reset(id, "PROTOCOL_ERROR", "content-length without DATA");
      return;
    }
    if ((request.contentLength ?? 0) > o.maxBodyBytes) {
      this.streams.responder.refuse(stream, 413, "request content too large");
      return;
    }
    stream.body = endStream
      ? undefined
      : new BodyStream(request.contentLength, 1, () =>
          this.streams.dataIn.credit(stream),
        );
    stream.request = new H2Request(
      request,
      stream.body ?? EMPTY_BODY,
      this.streams.info,
    );
    this.streams.responder.dispatch(stream);
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
   * @hint solution: step recv-headers (refused: stop). No END_STREAM, then any
   *   pseudo-header or field checkRegularField refuses: reset PROTOCOL_ERROR
   *   with a reason. If dataIn's endOfBody agrees, end the body with the
   *   filtered trailers.
   */
  #trailers(stream: H2Stream, fields: HeaderList, endStream: boolean): void {
    if (!this.streams.step(stream, "recv-headers")) return;
    if (!endStream) {
      this.streams.reset(
        stream.id,
        "PROTOCOL_ERROR",
        "trailers without END_STREAM",
      );
      return;
    }
    for (const [name, value] of fields) {
      if (
        name.startsWith(":") ||
        checkRegularField(name, value) !== undefined
      ) {
        this.streams.reset(stream.id, "PROTOCOL_ERROR", `bad trailer ${name}`);
        return;
      }
    }
    if (!this.streams.dataIn.endOfBody(stream)) return;
    stream.body?.end(filterTrailers(fields));
  }
}
