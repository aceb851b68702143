/**
 * Compressing a body as it streams, with back-pressure both ways.
 *
 *     source ──next()──▶ feed ──write()──▶ zlib ──for await──▶ consumer
 *                         ▲  false: wait     │  buffers full:
 *                         └──── "drain" ─────┘  stop reading
 *
 * The consumer (the connection, writing to a socket) pulls compressed
 * chunks. zlib's readable side fills only as fast as it is read; its
 * writable side refuses more input (write() returns false) once its
 * buffer is full; and the feed then stops pulling the source until
 * "drain". So a slow client slows the file read, and memory stays at a
 * few buffers per response, whatever the body's size.
 *
 * Flushing: zlib holds output back until it has a block's worth. That is
 * right for a file, wrong for a stream that pauses (server-sent events, a
 * page flushed in parts): the client would see nothing until the end.
 * When the source has nothing ready, we flush (Z_SYNC_FLUSH), which costs
 * a few bytes and keeps the dictionary.
 */
import { Buffer } from "node:buffer";
import type { Transform } from "node:stream";
import zlib from "node:zlib";
import type { ResponseBody } from "#ch03/message.ts";

/** A compressing stream: zlib's and Brotli's both have flush(kind). */
export type Encoder = Transform & { flush(kind?: number): void };

/** Resolves when `stream` can take more input, or is gone. */
function drained(stream: Transform): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off("drain", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
  });
}

const IDLE = Symbol("idle");

/** Resolves to IDLE after pending I/O callbacks have had their turn. */
function idle(): Promise<typeof IDLE> {
  return new Promise((resolve) => setImmediate(resolve, IDLE));
}

/**
 * Pulls the source into the encoder, honouring back-pressure, and ends
 * the encoder when the source ends. Stops when the encoder is destroyed.
 *
 * @exercise
 * @hint nudge: write() returning false means "stop until drain"; the end of the
 *   source must end the encoder.
 * @hint concept: iterate the source by hand so you can see when nothing is
 *   ready: then flush; after each write that returns false, await
 *   drained(encoder); stop as soon as the encoder is destroyed.
 * @hint solution: ask the source for its next chunk once and race it against
 *   idle(); when idle wins, flush (unless destroyed), then await the chunk.
 *   After every await, stop if destroyed; done ends the encoder; a write
 *   answering false waits for drained(encoder) before the next chunk.
 */
export async function feed(
  source: AsyncIterator<Uint8Array>,
  encoder: Encoder,
  flushKind: number,
): Promise<void> {
  let next = source.next();
  for (;;) {
    let result = await Promise.race([next, idle()]);
    if (result === IDLE) {
      if (!encoder.destroyed) encoder.flush(flushKind);
      result = await next;
    }
    if (encoder.destroyed) return;
    if (result.done === true) {
      encoder.end();
      return;
    }
    if (!encoder.write(result.value)) await drained(encoder);
    if (encoder.destroyed) return;
    next = source.next();
  }
}

/** Any response body as chunks: a string or byte array is one chunk. */
export function bodyChunks(body: ResponseBody): AsyncIterable<Uint8Array> {
  if (typeof body === "string" || body instanceof Uint8Array) {
    const bytes = typeof body === "string" ? Buffer.from(body) : body;
    return (async function* one() {
      if (bytes.byteLength > 0) yield bytes;
    })();
  }
  return body;
}

/**
 * The compressed body: `source` through `encoder`; `flushKind` is the
 * coding's sync flush (syncFlushKind in codings.ts). Nothing starts until
 * the first chunk is asked for, so a response that is discarded unread
 * (a 304 made from it, a HEAD) costs no zlib state at all.
 *
 * Errors travel downstream: a failing source destroys the encoder with
 * its error, and the consumer's loop throws it. A consumer that stops
 * early (the client went away) runs the `finally`: the encoder is
 * destroyed, freeing zlib's native memory now rather than at GC, and
 * the source is told to stop (its own `finally` closes a file).
 *
 * @exercise
 * @hint nudge: two loops run at once: one pushes the source into the encoder,
 *   the other reads compressed chunks out; the generator owns both.
 * @hint concept: start feed unawaited (its failure destroys the encoder with
 *   that error, so the reader throws it), yield each compressed chunk, then
 *   await the feed. In finally, destroy a live encoder (zlib memory is native)
 *   and return the source iterator so a file closes.
 * @hint solution: make the encoder and take the source's iterator; start feed
 *   without awaiting it, its failure destroying the encoder with that error.
 *   Yield every chunk the encoder gives, then await the feed. In a finally,
 *   destroy a live encoder and return the iterator (ignoring a rejection).
 */
export async function* compressStream(
  source: AsyncIterable<Uint8Array>,
  makeEncoder: () => Encoder,
  flushKind: number = zlib.constants.Z_SYNC_FLUSH,
): AsyncGenerator<Uint8Array, void, undefined> {
  const encoder = makeEncoder();
  const input = source[Symbol.asyncIterator]();
  const pump = feed(input, encoder, flushKind).catch((error: unknown) => {
    encoder.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  try {
    for await (const chunk of encoder) yield chunk as Uint8Array;
    await pump;
  } finally {
    if (!encoder.destroyed) encoder.destroy();
    input.return?.().catch(() => {});
  }
}
