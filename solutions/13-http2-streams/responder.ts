/**
 * From the handler's answer to frames: the response side of a stream.
 *
 *   dispatch ─▶ handler(request) ─▶ respond ─▶ mapResponse ─▶ HEADERS
 *       ─▶ body: none (END_STREAM on HEADERS) | bytes | a stream pulled
 *          as the windows open ─▶ DATA ... ─▶ END_STREAM or trailers
 *       ─▶ ended: our half closes; the client's half, if still open,
 *          is reset with NO_ERROR (§8.1: "the server ... MAY request that
 *          the client abort transmission of a request without error")
 *
 * A handler that throws, or answers with something HTTP/2 cannot carry,
 * gets chapter 03's 500 in its place, and a log line, as on HTTP/1.1.
 */
import { Buffer } from "node:buffer";
import { getHeader } from "#ch02/header-list.ts";
import { errorResponse, INTERNAL_ERROR } from "#ch03/error-response.ts";
import { ClientGone } from "#ch03/incoming-request.ts";
import { isThenable } from "#ch03/is-thenable.ts";
import type { Handler, HttpResponse } from "#ch03/message.ts";
import { sharedDateCache } from "#ch03/date-cache.ts";
import type { H2Stream } from "./h2-stream.ts";
import { PULL_MARK } from "./outbound.ts";
import { mapResponseOnce } from "./response-cache.ts";
import { informational, mapResponse } from "./response-mapping.ts";
import type { ClosedHow } from "./closed-streams.ts";
import type { Streams } from "./streams.ts";

export class Responder {
  constructor(
    private readonly streams: Streams,
    private readonly handler: Handler,
  ) {}

  /** Calls the handler with the stream's request; answers what it returns. */
  dispatch(stream: H2Stream): void {
    const request = stream.request;
    if (request === undefined) return;
    const body = stream.body;
    if (
      body !== undefined &&
      isContinue(getHeader(request.headers, "expect"))
    ) {
      // RFC 9110 §10.1.1: 100 once the handler starts reading.
      body.onFirstRead = () => {
        if (!stream.responded && stream.state !== "closed") {
          this.streams.connection.out.headers(
            stream.id,
            informational(100),
            false,
          );
        }
      };
    }
    let result: HttpResponse | PromiseLike<HttpResponse>;
    try {
      result = this.handler(request);
    } catch (error) {
      this.#failed(stream, error);
      return;
    }
    if (isThenable<HttpResponse>(result)) {
      result.then(
        (response) => this.respond(stream, response),
        (error: unknown) => this.#failed(stream, error),
      );
    } else this.respond(stream, result);
  }

  #failed(stream: H2Stream, error: unknown): void {
    const logger = this.streams.connection.options.logger;
    if (error instanceof ClientGone) {
      // The client left (reset, connection lost): nobody's bug, nobody to
      // answer.
      logger.info?.("client went away", {
        stream: stream.id,
        reason: error.message,
      });
      return;
    }
    logger.error("handler failed", { error, stream: stream.id });
    this.respond(stream, errorResponse(INTERNAL_ERROR));
  }

  /** One of our own answers (413, 431), in place of the handler's. */
  refuse(stream: H2Stream, status: number, reason: string): void {
    this.respond(stream, errorResponse({ code: "H2_REFUSED", status, reason }));
  }

  /**
   * Sends a response: HEADERS now, the body as the pump allows.
   *
   * @exercise
   * @hint nudge: map it first; a response that cannot be sent is replaced;
   *   then HEADERS, then hand the body to the pump.
   * @hint concept: RFC 9113 §8.1: a response is one HEADERS frame (more
   *   with CONTINUATION), zero or more DATA frames, and possibly a trailers
   *   HEADERS; END_STREAM on the last. A response without content (HEAD,
   *   204, 304) ends with its HEADERS. A stream already reset gets nothing.
   * @hint solution: answered already or no longer live: close its source, stop.
   *   mapResponseOnce; a failure is logged and replaced by an errorResponse.
   *   Step send-headers, send HEADERS (ending the stream when there is no
   *   body: ended). Else held bytes or a pulled source; scheduler, wake.
   */
  respond(stream: H2Stream, response: HttpResponse): void {
    const live =
      stream.state === "open" || stream.state === "half-closed-remote";
    if (stream.responded || !live || !this.streams.all.has(stream.id)) {
      if (!stream.responded) closeSource(response);
      return;
    }
    stream.responded = true;
    const date = sharedDateCache.current();
    let mapped = mapResponseOnce(response, stream.method, date);
    if (!mapped.ok) {
      this.streams.connection.options.logger.error("response cannot be sent", {
        reason: mapped.reason,
        stream: stream.id,
      });
      closeSource(response);
      const { status, reason } = mapped;
      response = errorResponse({ code: "H2_RESPONSE", status, reason });
      mapped = mapResponse(response, stream.method, date);
      if (!mapped.ok) throw new Error(mapped.reason);
    }
    const body = mapped.body;
    const noBody =
      body.kind === "none" ||
      (body.kind === "bytes" &&
        body.bytes.byteLength === 0 &&
        !response.trailers);
    const out = this.streams.connection.out;
    if (!this.streams.step(stream, "send-headers")) return;
    out.headers(stream.id, mapped.fields, noBody);
    if (noBody) {
      this.ended(stream);
      return;
    }
    stream.response = response;
    if (body.kind === "bytes") {
      stream.chunks.push(body.bytes);
      stream.pending = body.bytes.byteLength;
      stream.sourceDone = true;
    } else if (body.kind === "stream") {
      stream.source = body.body[Symbol.asyncIterator]();
      stream.sourceDone = false;
      this.pull(stream);
    }
    out.scheduler.add(stream.id, stream.priority);
    out.wake();
  }

  /**
   * Takes the next chunk of a streamed body, if the stream is low; the
   * handler's generator waits in its `yield` until then (back-pressure).
   *
   * @exercise
   * @hint nudge: one next() at a time, and only while the stream has little
   *   queued.
   * @hint concept: Back-pressure: the handler's async iterator is asked for its
   *   next chunk only when less than PULL_MARK waits to be sent, so a client
   *   that does not open its window stops the handler in its yield. A body that
   *   throws is a stream error INTERNAL_ERROR (RFC 9113 §5.4.2).
   * @hint solution: no source, already pulling, done, or PULL_MARK queued:
   *   stop. Mark pulling and ask next. On a step: unmark; a gone stream stops;
   *   done, or a chunk (strings as bytes) queued into pending; wake, pull
   *   again. On a throw: unmark, done, log, reset INTERNAL_ERROR.
   */
  pull(stream: H2Stream): void {
    const source = stream.source;
    if (source === undefined || stream.pulling || stream.sourceDone) return;
    if (stream.pending >= PULL_MARK) return;
    stream.pulling = true;
    source.next().then(
      (step) => {
        stream.pulling = false;
        if (!this.streams.all.has(stream.id)) return;
        if (step.done) stream.sourceDone = true;
        else {
          const chunk =
            typeof step.value === "string"
              ? Buffer.from(step.value)
              : step.value;
          stream.chunks.push(chunk);
          stream.pending += chunk.byteLength;
        }
        this.streams.connection.out.wake();
        this.pull(stream);
      },
      (error: unknown) => {
        stream.pulling = false;
        stream.sourceDone = true;
        this.streams.connection.options.logger.error("response body failed", {
          error,
        });
        this.streams.reset(stream.id, "INTERNAL_ERROR", "response body failed");
      },
    );
  }

  /**
   * Our half is done (END_STREAM sent). If the client is still sending, it
   * is told to stop (§8.1) and whatever it sends is dropped.
   *
   * @exercise
   * @hint nudge: our END_STREAM is out; what is left depends on the client's
   *   half.
   * @hint concept: RFC 9113 §5.1: END_STREAM sent moves open to half-closed
   *   (local) and half-closed (remote) to closed. §8.1: a server that has
   *   answered before the request body ended may send RST_STREAM with NO_ERROR
   *   so the client stops sending.
   * @hint solution: step send-end, or stop. Now closed: close it as 'ended'.
   *   Still half-closed (local), the body unread: send RST_STREAM NO_ERROR,
   *   mark it closed, and close it as 'reset' with the reason "answered", not
   *   early (the handler did finish).
   */
  ended(stream: H2Stream): void {
    if (!this.streams.step(stream, "send-end")) return;
    if (stream.state === "closed") {
      this.close(stream, "ended");
      return;
    }
    // half-closed (local): the request body is still arriving, unread.
    this.streams.connection.out.rstStream(stream.id, "NO_ERROR");
    stream.state = "closed";
    this.close(stream, "reset", "answered", false);
  }

  /**
   * The stream is finished with: forgotten, its handler told if it ended
   * early, the connection told if it was the last.
   *
   * @exercise
   * @hint nudge: forget the stream once; a stream that ended early has a
   *   handler to tell.
   * @hint concept: A closed stream leaves the table and the scheduler and stops
   *   counting toward the concurrency limit (RFC 9113 §5.1.2). If it was reset,
   *   the handler's signal fires, its request body fails, and a streamed
   *   response body is closed (its generator's finally runs).
   * @hint solution: if the table's delete finds nothing, stop. Remember how,
   *   one fewer active, off the scheduler. Not 'ended': abandon the request if
   *   early, discard and fail the body with a ClientGone, return an unfinished
   *   source (swallowing its rejection). Last, the connection's idle check.
   */
  close(
    stream: H2Stream,
    how: ClosedHow,
    why = "stream reset",
    early = true,
  ): void {
    if (!this.streams.all.delete(stream.id)) return;
    this.streams.remember(stream.id, how);
    this.streams.active--;
    this.streams.connection.out.scheduler.remove(stream.id);
    if (how !== "ended") {
      if (early) stream.request?.abandon(why);
      stream.body?.discard();
      stream.body?.fail(new ClientGone(why));
      const source = stream.source;
      if (source !== undefined && !stream.sourceDone) {
        stream.sourceDone = true;
        source.return?.().then(undefined, () => undefined);
      }
    }
    this.streams.connection.idle();
  }
}

/** Expect: 100-continue (RFC 9110 §10.1.1; the value is case-insensitive). */
function isContinue(expect: string | undefined): boolean {
  return expect !== undefined && expect.toLowerCase() === "100-continue";
}

/** A streamed body that will never be sent: let its generator clean up. */
function closeSource(response: HttpResponse): void {
  const body = response.body;
  if (
    body === undefined ||
    typeof body === "string" ||
    body instanceof Uint8Array
  )
    return;
  const iterator = body[Symbol.asyncIterator]();
  iterator.return?.().then(undefined, () => undefined);
}
