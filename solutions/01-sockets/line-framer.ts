/**
 * Framing by delimiter: turning a byte stream into lines.
 *
 * TCP delivers bytes, not messages (RFC 9293 §2.2: a byte-stream
 * service; how the bytes were cut into segments, §3.7, means nothing). A
 * reader must find the message boundaries itself. Here a message is a line
 * ending in LF; a CR before the LF is accepted and dropped, as HTTP/1.1
 * allows
 * (RFC 9112 §2.2: a recipient MAY recognize a single LF as a line
 * terminator and ignore any preceding CR).
 *
 *   chunk ─▶ LineFramer.push ─▶ takeLines ─▶ lines + unterminated tail
 *
 * Pure: no sockets, no timers. A connection feeds it chunks as they arrive.
 */
import { Buffer } from "node:buffer";

/** Line feed, the delimiter. */
export const LF = 0x0a;
/** Carriage return, dropped before an LF. */
export const CR = 0x0d;

/**
 * Longest line we accept, in bytes, not counting the line ending. A person
 * typing into `nc` never comes close; 8 KiB is also the request-line limit
 * chapter 02 uses, and what nginx allows per header line by default. Without
 * a limit a peer that never sends LF makes us buffer forever.
 */
export const DEFAULT_MAX_LINE_BYTES = 8 * 1024;

/** What one `push` produced: lines so far, or the limit was broken. */
export type FrameResult =
  | { readonly kind: "lines"; readonly lines: readonly Buffer[] }
  | {
      readonly kind: "error";
      readonly code: "line-too-long";
      /** Complete lines that arrived before the overlong one. */
      readonly lines: readonly Buffer[];
      readonly limit: number;
    };

/** What `takeLines` found in one buffer. */
export type TakeLinesResult =
  | {
      readonly kind: "lines";
      readonly lines: readonly Buffer[];
      readonly rest: Buffer;
    }
  | {
      readonly kind: "error";
      readonly code: "line-too-long";
      readonly lines: readonly Buffer[];
    };

/**
 * Drops the line ending: a final LF, then a CR just before it. A lone
 * final CR is dropped too, so an unterminated tail is measured the way it
 * will be once its LF arrives. Returns a view: nothing is copied.
 *
 * @exercise
 * @hint nudge: "hi\r\n", "hi\n" and "hi" must all come out as "hi".
 * @hint concept: look at the last byte; if it is LF step back one, then do the
 *   same for CR.
 * @hint solution: keep an end index that starts at the length; step it back
 *   once past a final LF, then once more past a CR, and return a view up to
 *   it (subarray, not a copy).
 */
export function trimLineEnding(line: Buffer): Buffer {
  let end = line.length;
  if (end > 0 && line[end - 1] === LF) end--;
  if (end > 0 && line[end - 1] === CR) end--;
  return line.subarray(0, end);
}

/**
 * True when `bytes` (a complete line, or a tail still waiting for its LF)
 * is longer than the limit. The line ending does not count, so a tail of
 * exactly `maxLineBytes` bytes plus a CR can still become a legal line.
 * Checking the tail, not only complete lines, is what stops a peer that
 * never sends LF.
 *
 * @exercise
 * @hint nudge: the limit is on the text of the line, not on its CR LF.
 * @hint concept: measure the line as trimLineEnding would leave it.
 * @hint solution: one comparison: the trimmed length against the limit.
 */
export function exceedsLineLimit(bytes: Buffer, maxLineBytes: number): boolean {
  return trimLineEnding(bytes).length > maxLineBytes;
}

/**
 * Splits every complete line (with its ending) off the front of `buffer`
 * and returns the unterminated rest. Bytes before `scanFrom` are known to
 * hold no LF (the caller scanned them last time), so the search starts
 * there: each byte is scanned once, and framing stays linear however the
 * stream is chunked. Lines are views into `buffer`.
 *
 * @exercise
 * @hint nudge: a chunk can end in the middle of a line; keep those bytes for
 *   next time.
 * @hint concept: search for LF from scanFrom; each line runs from the previous
 *   line's end through its LF; what is left after the last LF is the rest, and
 *   it must pass the limit too.
 * @hint solution: keep a start index; while indexOf finds an LF (first from
 *   scanFrom, then from start), the line is the view from start through it,
 *   checked against the limit before it is kept. The bytes after the last LF
 *   are the rest, checked too.
 */
export function takeLines(
  buffer: Buffer,
  scanFrom: number,
  maxLineBytes: number,
): TakeLinesResult {
  const lines: Buffer[] = [];
  let start = 0;
  let lf = buffer.indexOf(LF, scanFrom);
  while (lf !== -1) {
    const line = buffer.subarray(start, lf + 1);
    if (exceedsLineLimit(line, maxLineBytes)) {
      return { kind: "error", code: "line-too-long", lines };
    }
    lines.push(line);
    start = lf + 1;
    lf = buffer.indexOf(LF, start);
  }
  const rest = buffer.subarray(start);
  if (exceedsLineLimit(rest, maxLineBytes)) {
    return { kind: "error", code: "line-too-long", lines };
  }
  return { kind: "lines", lines, rest };
}

export interface LineFramerOptions {
  /** Longest line accepted; default DEFAULT_MAX_LINE_BYTES. */
  readonly maxLineBytes?: number;
}

/**
 * An incremental line framer: push chunks in, get complete lines out.
 *
 * The unterminated tail waits in a buffer that grows by doubling, like Go's
 * bufio, so each byte is copied a bounded number of times; `takeLines`
 * rescans nothing. Lines come out as copies with their endings, so joining
 * every line and the final tail gives back the stream exactly. After an
 * error the framer stays failed: the connection is about to close.
 */
export class LineFramer {
  readonly #maxLineBytes: number;
  #buffer: Buffer = Buffer.alloc(0);
  #length = 0;
  #failed = false;

  constructor(options: LineFramerOptions = {}) {
    const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    if (!Number.isSafeInteger(max) || max < 1) {
      throw new RangeError(
        `maxLineBytes must be a positive integer, got ${max}`,
      );
    }
    this.#maxLineBytes = max;
  }

  /** Bytes of an unfinished line held back, waiting for its LF. */
  get pendingBytes(): number {
    return this.#length;
  }

  /**
   * Feed one chunk as it arrived; returns the lines it completed.
   *
   * @exercise
   * @hint nudge: push is takeLines plus memory: what takeLines leaves as rest
   *   must still be here when the next chunk arrives.
   * @hint concept: note where the held bytes end before appending (they hold no
   *   LF, so the scan starts there); frame them; copy the lines out (they are
   *   views into a buffer you will reuse); move the rest to the front. After an
   *   error the framer stays failed.
   * @hint solution: once failed, the error with no lines. Else note where held
   *   bytes end, append, takeLines over them from there, and copy each line
   *   (views into #buffer). An error sets #failed and empties the buffer; else
   *   move the rest to the front and keep its length.
   */
  push(chunk: Uint8Array): FrameResult {
    if (this.#failed) return this.#error([]);
    const scanFrom = this.#length;
    this.#append(chunk);
    const held = this.#buffer.subarray(0, this.#length);
    const result = takeLines(held, scanFrom, this.#maxLineBytes);
    // Copy before compacting: the lines are views into #buffer.
    const lines = result.lines.map((line) => Buffer.from(line));
    if (result.kind === "error") {
      this.#failed = true;
      this.#length = 0;
      return this.#error(lines);
    }
    this.#buffer.copyWithin(0, this.#length - result.rest.length, this.#length);
    this.#length = result.rest.length;
    return { kind: "lines", lines };
  }

  /**
   * The stream ended: hand over the unterminated tail (it may still end in
   * a lone CR), or undefined when nothing is pending. Empties the framer.
   *
   * @exercise
   * @hint nudge: a stream can end without a final LF; the bytes still held are
   *   a last line.
   * @hint concept: return nothing when nothing is held; otherwise hand over a
   *   copy (the buffer will be reused) and forget it, so a second finish
   *   returns nothing.
   * @hint solution: nothing held: nothing to hand over. Otherwise hand over a
   *   copy of the held bytes (the buffer will be reused) and forget them by
   *   setting the length back to zero.
   */
  finish(): Buffer | undefined {
    if (this.#length === 0) return undefined;
    const tail = Buffer.from(this.#buffer.subarray(0, this.#length));
    this.#length = 0;
    return tail;
  }

  #error(lines: readonly Buffer[]): FrameResult {
    return {
      kind: "error",
      code: "line-too-long",
      lines,
      limit: this.#maxLineBytes,
    };
  }

  /**
   * Append, growing by doubling so appends cost O(1) per byte overall.
   *
   * @exercise
   * @hint nudge: appending one chunk at a time to a buffer of exactly the right
   *   size copies everything held so far, every time.
   * @hint concept: keep a buffer larger than what it holds (#length counts the
   *   bytes in use); when a chunk does not fit, allocate max(needed, twice the
   *   old size) and copy the held bytes over once. Doubling makes the total
   *   copying linear in the bytes received.
   * @hint solution: if the held bytes plus the chunk do not fit, allocate a
   *   bigger buffer (at least 256 bytes, growing geometrically), copy the held
   *   bytes across and swap it in; then copy the chunk in after the held bytes
   *   and grow #length by its size.
   */
  #append(chunk: Uint8Array): void {
    const needed = this.#length + chunk.length;
    if (needed > this.#buffer.length) {
      const grown = Buffer.allocUnsafe(
        Math.max(needed, this.#buffer.length * 2, 256),
      );
      this.#buffer.copy(grown, 0, 0, this.#length);
      this.#buffer = grown;
    }
    this.#buffer.set(chunk, this.#length);
    this.#length = needed;
  }
}
