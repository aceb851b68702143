// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function trimLineEnding(line: Buffer): Buffer {
  throw new NotImplemented({
    chapter: "01",
    name: "trimLineEnding",
    file: "exercises/01-sockets/line-framer.ts",
    hint: "\"hi\\r\\n\", \"hi\\n\" and \"hi\" must all come out as \"hi\".",
  });
}

/**
 * True when `bytes` (a complete line, or a tail still waiting for its LF)
 * is longer than the limit. The line ending does not count, so a tail of
 * exactly `maxLineBytes` bytes plus a CR can still become a legal line.
 * Checking the tail, not only complete lines, is what stops a peer that
 * never sends LF.
 *
 * @exercise
 */
export function exceedsLineLimit(bytes: Buffer, maxLineBytes: number): boolean {
  throw new NotImplemented({
    chapter: "01",
    name: "exceedsLineLimit",
    file: "exercises/01-sockets/line-framer.ts",
    hint: "the limit is on the text of the line, not on its CR LF.",
  });
}

/**
 * Splits every complete line (with its ending) off the front of `buffer`
 * and returns the unterminated rest. Bytes before `scanFrom` are known to
 * hold no LF (the caller scanned them last time), so the search starts
 * there: each byte is scanned once, and framing stays linear however the
 * stream is chunked. Lines are views into `buffer`.
 *
 * @exercise
 */
export function takeLines(
  buffer: Buffer,
  scanFrom: number,
  maxLineBytes: number,
): TakeLinesResult {
  throw new NotImplemented({
    chapter: "01",
    name: "takeLines",
    file: "exercises/01-sockets/line-framer.ts",
    hint: "a chunk can end in the middle of a line; keep those bytes for next time.",
  });
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
   */
  push(chunk: Uint8Array): FrameResult {
    throw new NotImplemented({
      chapter: "01",
      name: "LineFramer.push",
      file: "exercises/01-sockets/line-framer.ts",
      hint: "push is takeLines plus memory: what takeLines leaves as rest must still be here when the next chunk arrives.",
    });
  }

  /**
   * The stream ended: hand over the unterminated tail (it may still end in
   * a lone CR), or undefined when nothing is pending. Empties the framer.
   *
   * @exercise
   */
  finish(): Buffer | undefined {
    throw new NotImplemented({
      chapter: "01",
      name: "LineFramer.finish",
      file: "exercises/01-sockets/line-framer.ts",
      hint: "a stream can end without a final LF; the bytes still held are a last line.",
    });
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
   */
  #append(chunk: Uint8Array): void {
    throw new NotImplemented({
      chapter: "01",
      name: "LineFramer.#append",
      file: "exercises/01-sockets/line-framer.ts",
      hint: "appending one chunk at a time to a buffer of exactly the right size copies everything held so far, every time.",
    });
  }
}
