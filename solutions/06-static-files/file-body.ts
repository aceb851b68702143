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
 * @hint nudge: the body must not be read before someone asks for it, and must
 *   close the file however the reading ends.
 * @hint concept: an object whose async iterator opens the file, yields text as
 *   it is, reads each file range in chunks of at most chunkSize into fresh
 *   buffers (the socket may hold the last), and closes in finally. 0 bytes
 *   before the end: the file shrank, throw FileShrankError.
 * @hint solution: an object with an async generator as its asyncIterator:
 *   open, then try over the segments (text yielded as is; a file range read
 *   with readChunk from first to last, one chunk ahead, 0 bytes throwing),
 *   and a finally that settles the read ahead, then closes the handle.
 */
export function fileBody(
  file: string,
  segments: readonly BodySegment[],
  chunkSize: number,
): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      const handle = await open(file, "r");
      let ahead: Promise<ChunkRead> | undefined;
      try {
        for (const segment of segments) {
          if (segment.kind === "text") {
            yield segment.bytes;
            continue;
          }
          let position = segment.range.first;
          const end = segment.range.last + 1;
          const next = () =>
            position < end
              ? readChunk(handle, position, Math.min(chunkSize, end - position))
              : undefined;
          ahead = next();
          while (ahead !== undefined) {
            const { bytesRead, buffer } = await ahead;
            if (bytesRead === 0)
              throw new FileShrankError(`${file} shrank while sending`);
            position += bytesRead;
            ahead = next(); // read the next chunk while this one is written
            yield buffer.subarray(0, bytesRead);
          }
        }
      } finally {
        await ahead?.catch(() => {});
        await handle.close();
      }
    },
  };
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
