// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
   */
  respond(stream: H2Stream, response: HttpResponse): void {
    throw new NotImplemented({
      chapter: "13",
      name: "Responder.respond",
      file: "exercises/13-http2-streams/responder.ts",
      hint: "map it first; a response that cannot be sent is replaced; then HEADERS, then hand the body to the pump.",
    });
  }

  /**
   * Takes the next chunk of a streamed body, if the stream is low; the
   * handler's generator waits in its `yield` until then (back-pressure).
   *
   * @exercise
   */
  pull(stream: H2Stream): void {
    throw new NotImplemented({
      chapter: "13",
      name: "Responder.pull",
      file: "exercises/13-http2-streams/responder.ts",
      hint: "one next() at a time, and only while the stream has little queued.",
    });
  }

  /**
   * Our half is done (END_STREAM sent). If the client is still sending, it
   * is told to stop (§8.1) and whatever it sends is dropped.
   *
   * @exercise
   */
  ended(stream: H2Stream): void {
    throw new NotImplemented({
      chapter: "13",
      name: "Responder.ended",
      file: "exercises/13-http2-streams/responder.ts",
      hint: "our END_STREAM is out; what is left depends on the client's half.",
    });
  }

  /**
   * The stream is finished with: forgotten, its handler told if it ended
   * early, the connection told if it was the last.
   *
   * @exercise
   */
  close(
    stream: H2Stream,
    how: ClosedHow,
    why = "stream reset",
    early = true,
  ): void {
    throw new NotImplemented({
      chapter: "13",
      name: "Responder.close",
      file: "exercises/13-http2-streams/responder.ts",
      hint: "forget the stream once; a stream that ended early has a handler to tell.",
    });
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
