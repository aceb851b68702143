// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * A file as a response body: an AsyncIterable<Uint8Array> that reads one
 * chunk per step, so the connection's back-pressure paces the disk.
 *
 * The connection (chapter 03) awaits each write before asking for the next
 * chunk, so a slow client holds at most one chunk of this file in memory,
 * not the whole file. Two details make that safe:
 *
 * - The file is opened lazily, when iteration starts, and closed in
 *   `finally`, which runs on completion, on error, and when the consumer
 *   stops early (a client that disconnects mid-download calls `return()`).
 *   A handler that returns a response and is never iterated (HEAD, or a
 *   middleware that replaces the body) opens nothing.
 * - Every chunk is a fresh buffer. Reusing one would be faster and wrong:
 *   socket.write keeps a reference until the kernel takes the bytes.
 */
import { open } from "node:fs/promises";
import type { BodySegment } from "./multipart-byteranges.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/** The file got shorter while we were sending it. */
export class FileShrankError extends Error {
  override readonly name = "FileShrankError";
}

/**
 * Streams the segments of a body: text segments as they are, file
 * segments read from one FileHandle with positional reads, `chunkSize`
 * bytes at a time. Content-Length is already on the wire when this runs,
 * so if the file shrinks we throw: the connection must abort rather than
 * send a short body the client would take as complete.
 *
 * @exercise
 */
export function fileBody(
  file: string,
  segments: readonly BodySegment[],
  chunkSize: number,
): AsyncIterable<Uint8Array> {
  throw new NotImplemented({
    chapter: "06",
    name: "fileBody",
    file: "exercises/06-static-files/file-body.ts",
    hint: "the body must not be read before someone asks for it, and must close the file however the reading ends.",
  });
}

/** The same layout over bytes already in memory (the small-file cache). */
export function memoryBody(bytes: Uint8Array, segments: readonly BodySegment[]): Uint8Array {
  const parts = segments.map((s) =>
    s.kind === "text" ? s.bytes : bytes.subarray(s.range.first, s.range.last + 1),
  );
  return parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts);
}
