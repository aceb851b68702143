// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export async function readBody(
  body: RequestBody,
  limit: number,
): Promise<Uint8Array> {
  throw new NotImplemented({
    chapter: "05",
    name: "readBody",
    file: "exercises/05-routing/body-reader.ts",
    hint: "some bodies announce their size, some do not; check both ways.",
  });
}
