// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
   */
  data(frame: DataFrame): void {
    throw new NotImplemented({
      chapter: "13",
      name: "InboundData.data",
      file: "exercises/13-http2-streams/inbound-data.ts",
      hint: "flow control first, for every DATA frame, even one for a stream that is gone; then the stream's own rules.",
    });
  }

  /**
   * The handler has read what was held (or none was): give the windows
   * back by the replenish policy (flow-window.ts).
   *
   * @exercise
   */
  credit(stream: H2Stream): void {
    throw new NotImplemented({
      chapter: "13",
      name: "InboundData.credit",
      file: "exercises/13-http2-streams/inbound-data.ts",
      hint: "the handler has caught up: what it consumed may be sent again.",
    });
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
