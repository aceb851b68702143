/**
 * Reading a request body into memory, with a limit.
 *
 * A handler that buffers a body must bound it, or one client can take all
 * of the server's memory with a single request. The check happens twice:
 * against Content-Length before reading anything (refuse early, cheap), and
 * against the running total while reading (a chunked body, or an HTTP/2
 * stream, has no length to check in advance).
 */
import { Buffer } from "node:buffer";
import type { RequestBody } from "#ch03/message.ts";
import { HttpError } from "./http-error.ts";

/**
 * 1 MiB: far more than any JSON form or API call a person makes, far less
 * than would hurt a server holding a few hundred of them at once. Uploads
 * of files stream instead (chapter 15) and set their own limit.
 */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

function tooLarge(limit: number, detail: string): HttpError {
  const message = `body ${detail} exceeds the limit of ${limit} bytes`;
  return new HttpError("BODY_TOO_LARGE", message);
}

/**
 * All of a body's bytes, or a 413 as soon as it is certain the body is
 * larger than `limit` (RFC 9110 §15.5.14). Stopping the iteration early
 * tells the connection that the rest was not read, so it can close rather
 * than try to reuse a connection with a body still in it.
 *
 * @exercise
 * @hint nudge: some bodies announce their size, some do not; check both ways.
 * @hint concept: RFC 9110 §15.5.14: a request whose content is larger than the
 *   server is willing to process is refused with 413 Content Too Large. Refuse
 *   a declared length over the limit before reading a byte; otherwise add up
 *   chunk sizes as they arrive and stop the moment the sum passes it.
 * @hint solution: refuse at once when a declared length is over the limit;
 *   otherwise iterate the body, adding each chunk's size to a running total and
 *   refusing as soon as it passes the limit (before keeping the chunk); collect
 *   the chunks and concatenate them at the end.
 */
export async function readBody(
  body: RequestBody,
  limit: number,
): Promise<Uint8Array> {
  if (body.length !== undefined && body.length > limit) {
    throw tooLarge(limit, `of ${body.length} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge(limit, `of at least ${size} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
