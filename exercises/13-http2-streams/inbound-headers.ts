// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
   */
  #fieldBlock(id: number, block: Uint8Array, endStream: boolean): void {
    throw new NotImplemented({
      chapter: "13",
      name: "InboundHeaders.#fieldBlock",
      file: "exercises/13-http2-streams/inbound-headers.ts",
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
      name: "InboundHeaders.#open",
      file: "exercises/13-http2-streams/inbound-headers.ts",
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
      name: "InboundHeaders.#trailers",
      file: "exercises/13-http2-streams/inbound-headers.ts",
      hint: "trailers are a second field block: it must end the stream, and carry only regular fields.",
    });
  }
}
