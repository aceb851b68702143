/**
 * DATA from the client, and our receive windows (RFC 9113 §5.2, §6.9,
 * §8.1.1): every DATA frame counted against the connection's window and
 * its stream's, held to the request's Content-Length and the body limit,
 * handed to the handler's body, and the windows given back as the
 * handler reads.
 *
 *   DATA ─▶ connection window ─▶ stream window ─▶ Content-Length ─▶
 *       BodyStream ─▶ handler reads ─▶ credit ─▶ WINDOW_UPDATE
 *
 * What the client may send unread is what we grant: a slow handler stops
 * the credit, so the client stops, instead of our memory growing.
 */
import { connectionError } from "#ch11/frame-error.ts";
import { type DataFrame, flowControlledLength } from "#ch11/frames.ts";
import { consume, replenish } from "./flow-window.ts";
import type { H2Stream } from "./h2-stream.ts";
import type { Streams } from "./streams.ts";

export class InboundData {
  /**
   * Our receive window for the connection, and the body bytes held for
   * handlers.
   */
  #recvWindow: number;
  #held = 0;

  constructor(private readonly streams: Streams) {
    this.#recvWindow = streams.connection.options.connectionWindow;
  }

  /** END_STREAM received: Content-Length must match the DATA (§8.1.1). */
  endOfBody(stream: H2Stream): boolean {
    const { contentLength, received } = stream;
    if (contentLength !== undefined && contentLength !== received) {
      this.streams.reset(
        stream.id,
        "PROTOCOL_ERROR",
        "content-length does not match DATA",
      );
      return false;
    }
    if (!this.streams.step(stream, "recv-end")) return false;
    if (stream.state === "closed")
      this.streams.responder.close(stream, "ended");
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
   * @hint concept: RFC 9113 §6.9: the whole frame, padding included, counts
   *   against the connection and stream windows; past either is
   *   FLOW_CONTROL_ERROR. §6.1: DATA on a stream that is not open is
   *   STREAM_CLOSED. §8.1.1: more than Content-Length is malformed.
   * @hint solution: consume the flowControlledLength from #recvWindow (over:
   *   fail); empties past countEmpty are dropped. No stream, or step refuses:
   *   credit the connection back (notOpen for the former). Then its window,
   *   contentLength, #held, body or 413, credit unless full, end on END_STREAM.
   */
  data(frame: DataFrame): void {
    const length = flowControlledLength(frame);
    const left = consume(this.#recvWindow, length);
    if (left === undefined) {
      this.streams.connection.fail(
        connectionError("FLOW_CONTROL_ERROR", "connection window"),
      );
      return;
    }
    this.#recvWindow = left;
    if (length === 0 && !frame.endStream && !this.streams.countEmpty()) return;
    const stream = this.streams.all.get(frame.streamId);
    if (stream === undefined) {
      this.#creditConnection();
      this.streams.notOpen(frame.streamId, "recv-data");
      return;
    }
    if (!this.streams.step(stream, "recv-data")) {
      this.#creditConnection();
      return;
    }
    const streamLeft = consume(stream.recvWindow, length);
    if (streamLeft === undefined) {
      this.#creditConnection();
      this.streams.reset(stream.id, "FLOW_CONTROL_ERROR", "stream window");
      return;
    }
    stream.recvWindow = streamLeft;
    stream.received += frame.data.byteLength;
    if (
      stream.contentLength !== undefined &&
      stream.received > stream.contentLength
    ) {
      this.streams.reset(
        stream.id,
        "PROTOCOL_ERROR",
        "DATA beyond content-length",
      );
      return;
    }
    const body = stream.body;
    stream.unreturned += length;
    this.#held += length;
    if (stream.received > this.streams.connection.options.maxBodyBytes) {
      body?.fail(new Error("request content too large"));
      this.streams.responder.refuse(stream, 413, "request content too large");
    } else if (frame.data.byteLength > 0) body?.push(frame.data);
    if (body === undefined || !body.full) this.credit(stream);
    if (frame.endStream && this.endOfBody(stream)) body?.end();
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
   * @hint solution: take the stream's unreturned bytes off #held and zero
   *   them. A stream still receiving asks replenish (its window, streamWindow,
   *   nothing held); any room is added to its window and sent as its
   *   WINDOW_UPDATE. Then #creditConnection.
   */
  credit(stream: H2Stream): void {
    this.#held -= stream.unreturned;
    stream.unreturned = 0;
    const o = this.streams.connection.options;
    const receiving =
      stream.state === "open" || stream.state === "half-closed-local";
    const more = receiving
      ? replenish(stream.recvWindow, o.streamWindow, 0)
      : 0;
    if (more > 0) {
      stream.recvWindow += more;
      this.streams.connection.out.windowUpdate(stream.id, more);
    }
    this.#creditConnection();
  }

  #creditConnection(): void {
    const target = this.streams.connection.options.connectionWindow;
    const more = replenish(this.#recvWindow, target, this.#held);
    if (more > 0) {
      this.#recvWindow += more;
      this.streams.connection.out.windowUpdate(0, more);
    }
  }
}
