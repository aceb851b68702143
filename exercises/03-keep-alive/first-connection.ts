// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function answerOnce(socket: Socket, handler: Handler): void {
  throw new NotImplemented({
    chapter: "03",
    name: "answerOnce",
    file: "exercises/03-keep-alive/first-connection.ts",
    hint: "feed every chunk to one RequestHeadParser until it says something other than incomplete; then stop reading and answer once.",
  });
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
