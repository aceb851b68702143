/**
 * What the connection knows about one stream: its state, its two
 * windows, the request body flowing in and the response flowing out.
 *
 * The stream is data; the rules are elsewhere: transition()
 * (stream-state.ts) moves `state`, the window functions (flow-window.ts)
 * move the windows, and the connection decides when.
 */
import type { BodyStream } from "#ch03/request-body.ts";
import type { HeaderList, HttpResponse } from "#ch03/message.ts";
import type { H2Request } from "./h2-request.ts";
import { h2Fields } from "./response-mapping.ts";
import { DEFAULT_PRIORITY, type Priority } from "./priority.ts";
import type { StreamState } from "./stream-state.ts";

export class H2Stream {
  state: StreamState = "idle";
  priority: Priority = DEFAULT_PRIORITY;
  /** What we may still send (the client's grant). */
  sendWindow: number;
  /** What the client may still send us (our grant). */
  recvWindow: number;

  // Inbound: the request.
  request: H2Request | undefined;
  body: BodyStream | undefined;
  /** DATA bytes received (for Content-Length) and not yet given back. */
  received = 0;
  unreturned = 0;
  contentLength: number | undefined;

  // Outbound: the response.
  /** A response has been chosen (the handler's, or one of ours). */
  responded = false;
  method = "GET";
  readonly chunks: Uint8Array[] = [];
  /** Bytes of the first chunk already sent. */
  offset = 0;
  /** Bytes in `chunks` not yet sent. */
  pending = 0;
  /** True once no more chunks will be added. */
  sourceDone = true;
  source: AsyncIterator<Uint8Array> | undefined;
  pulling = false;
  response: HttpResponse | undefined;
  /** When sending stopped on a zero window (for the stall timeout). */
  blockedSince: number | undefined;

  constructor(
    readonly id: number,
    sendWindow: number,
    recvWindow: number,
  ) {
    this.sendWindow = sendWindow;
    this.recvWindow = recvWindow;
  }

  /**
   * The next at most `n` bytes of the response body, consumed.
   *
   * @exercise
   * @hint nudge: the first chunk, whole if it fits, else its next n bytes.
   * @hint concept: A DATA frame carries at most what the windows allow (RFC
   *   9113 §6.9), so a chunk may leave in pieces; subarray shares the bytes
   *   rather than copying them.
   * @hint solution: what is left of the first chunk after offset: if it fits
   *   in n, hand out that rest (the chunk itself at offset 0), shift the chunk
   *   off and reset offset; else a view of the next n bytes, offset moved on.
   *   Either way take its length off pending.
   */
  take(n: number): Uint8Array {
    const first = this.chunks[0] as Uint8Array;
    const left = first.byteLength - this.offset;
    let out: Uint8Array;
    if (left <= n) {
      out = this.offset === 0 ? first : first.subarray(this.offset);
      this.chunks.shift();
      this.offset = 0;
    } else {
      out = first.subarray(this.offset, this.offset + n);
      this.offset += n;
    }
    this.pending -= out.byteLength;
    return out;
  }

  /**
   * Trailers of a response, once its body has been sent, as HTTP/2 fields;
   * undefined when there are none or they cannot be sent.
   */
  trailers(): HeaderList | undefined {
    const make = this.response?.trailers;
    if (make === undefined) return undefined;
    try {
      return h2Fields(make());
    } catch {
      return undefined;
    }
  }
}
