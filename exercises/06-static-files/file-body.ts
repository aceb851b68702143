// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * A file as a response body: an AsyncIterable<Uint8Array> that reads one
 * chunk ahead of the one being written, so the disk works while the socket
 * drains, and the connection's back-pressure still paces the disk.
 *
 * The connection (chapter 03) awaits each write before asking for the next
 * chunk, so a slow client holds at most two chunks of this file in memory
 * (the one being written, the one read ahead), not the whole file. Reading
 * only when asked left the thread pool idle while the socket drained, and
 * the socket idle during the thread pool's round trip: node:http's stream,
 * which reads ahead, served 1 MiB files faster. Two details make it safe:
 *
 * - The file is opened lazily, when iteration starts, and closed in
 *   `finally`, which runs on completion, on error, and when the consumer
 *   stops early (a client that disconnects mid-download calls `return()`);
 *   a read still in flight is waited for first. A handler that returns a
 *   response and is never iterated (HEAD, or a middleware that replaces
 *   the body) opens nothing.
 * - Every chunk is a fresh buffer. Reusing one would be faster and wrong:
 *   socket.write keeps a reference until the kernel takes the bytes. So
 *   each byte is copied twice, page cache to buffer and buffer to socket:
 *   the fewest Node allows without sendfile(2).
 */
import { Buffer } from "node:buffer";
import { type FileHandle, open } from "node:fs/promises";
import type { BodySegment } from "./multipart-byteranges.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/** The file got shorter while we were sending it. */
export class FileShrankError extends Error {
  override readonly name = "FileShrankError";
}

interface ChunkRead {
  readonly bytesRead: number;
  readonly buffer: Buffer;
}

/** One positional read into a fresh buffer, marked handled while ahead. */
function readChunk(
  handle: FileHandle,
  at: number,
  want: number,
): Promise<ChunkRead> {
  const read = handle.read(Buffer.allocUnsafe(want), 0, want, at);
  read.catch(() => {}); // awaited later; no unhandled rejection meanwhile
  return read;
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
export function memoryBody(
  bytes: Uint8Array,
  segments: readonly BodySegment[],
): Uint8Array {
  const parts = segments.map((s) =>
    s.kind === "text"
      ? s.bytes
      : bytes.subarray(s.range.first, s.range.last + 1),
  );
  return parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts);
}
