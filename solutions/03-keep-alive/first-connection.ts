/**
 * The first version of the connection (chapter 03, step 1): read one
 * request head, run the handler, write its answer, close. No keep-alive,
 * no pipelining, no deadlines, no request bodies: Http1Connection grows
 * out of this. The server never uses this file; the book and
 * tests/03-keep-alive/first-connection.test.ts do.
 */
import { Buffer } from "node:buffer";
import type { Socket } from "node:net";
import { connectionInfo } from "#ch01/connection.ts";
import { RequestHeadParser } from "#ch02/request-head-parser.ts";
import { sharedDateCache } from "./date-cache.ts";
import {
  type EncodeSettings,
  encodeError,
  encodeOrReplace,
  INTERNAL_ERROR,
  type Sendable,
} from "./error-response.ts";
import { ClientPresence, IncomingRequest } from "./incoming-request.ts";
import { consoleLogger } from "./logger.ts";
import type { Handler } from "./message.ts";
import { EMPTY_BODY } from "./request-body.ts";
import { closeDelimited } from "./response-framer.ts";

const SETTINGS: EncodeSettings = {
  dateCache: sharedDateCache,
  framer: closeDelimited,
  logger: consoleLogger,
};

/**
 * Answers the first request on `socket`, then closes it. Every answer
 * says `connection: close` (RFC 9112 §9.6), so the client knows.
 *
 * @exercise
 * @hint nudge: feed every chunk to one RequestHeadParser until it says
 *   something other than incomplete; then stop reading and answer once.
 * @hint concept: a head can arrive in pieces: parse across 'data' events. A
 *   parse error is answered with its status (encodeError), a handler that
 *   throws or rejects with a 500. Encode the answer with keepAlive false: this
 *   version closes after one answer (RFC 9112 §9.6).
 * @hint solution: one parser and one 'data' listener that removes itself at a
 *   final result. An error's context is a GET over HTTP/1.1 without keep-alive.
 *   The request gets EMPTY_BODY, the connectionInfo and a ClientPresence; a
 *   promise chain catches throws and rejections alike.
 */
export function answerOnce(socket: Socket, handler: Handler): void {
  const parser = new RequestHeadParser();
  const onData = (chunk: Buffer): void => {
    const result = parser.push(chunk);
    if (result.kind === "incomplete") return;
    socket.off("data", onData);
    if (result.kind === "error") {
      const ctx = { method: "GET", version: "HTTP/1.1", keepAlive: false };
      send(socket, encodeError(result.error, ctx, SETTINGS));
      return;
    }
    const { head } = result;
    const ctx = {
      method: head.method,
      version: head.version,
      keepAlive: false,
    };
    const info = connectionInfo(socket);
    const request = new IncomingRequest(
      head,
      EMPTY_BODY,
      info,
      new ClientPresence(),
    );
    Promise.resolve()
      .then(() => handler(request))
      .then(
        (response) => send(socket, encodeOrReplace(response, ctx, SETTINGS)),
        () => send(socket, encodeError(INTERNAL_ERROR, ctx, SETTINGS)),
      );
  };
  socket.on("data", onData);
  socket.on("error", () => socket.destroy());
}

/** Writes one encoded answer, then FIN; a body stream goes out as is. */
async function send(socket: Socket, encoded: Sendable): Promise<void> {
  if (encoded.kind === "bytes") {
    const { bytes, body } = encoded;
    const head =
      typeof bytes === "string" ? Buffer.from(bytes, "latin1") : bytes;
    if (body !== undefined) socket.write(head);
    socket.end(body ?? head);
    return;
  }
  socket.write(encoded.head);
  try {
    for await (const chunk of encoded.body) socket.write(chunk);
    socket.end();
  } catch {
    socket.destroy(); // RFC 9112 §8: cut short, never passed off as whole
  }
}
