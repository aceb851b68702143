/**
 * Cuts a byte stream into CRLF-terminated lines, however it is chunked.
 *
 * The splitter is why the parser is linear. Each byte is looked at once:
 * the search for LF starts where the last one stopped, in the new chunk
 * only, and an unfinished line is kept as a list of pieces joined once when
 * its LF arrives. Appending each chunk to one growing buffer and searching
 * it from the start would look at byte 1 again on every push; fed one byte
 * at a time, an n-byte head would cost n²/2 steps. That is a denial of
 * service a client can buy for the price of a slow connection.
 */
import { Buffer } from "node:buffer";

/** What `take` found. `bytes` counts the whole line with its CRLF. */
export type LineResult =
  | {
      readonly kind: "line";
      readonly line: string;
      readonly end: number;
      readonly bytes: number;
    }
  | { readonly kind: "partial" }
  | { readonly kind: "too-long" }
  | { readonly kind: "bare-lf" }
  | { readonly kind: "bare-cr" };

const LF = 0x0a;
const CR = 0x0d;

/** Buffer's latin1 decoder without toString's argument checks (see below). */
interface Latin1Slicer {
  latin1Slice(start: number, end: number): string;
}

/**
 * The line in `bytes` from `start` to the LF at `lf`, which must follow a
 * CR. Decoding straight from the chunk, with no subarray and no copy, is
 * the fast path: a head that arrives in one chunk allocates one string per
 * line and nothing else. `latin1Slice` is the method `toString("latin1")`
 * ends in; node's own HTTP parser glue calls it the same way.
 */
function wholeLine(
  bytes: Buffer,
  start: number,
  lf: number,
  size: number,
  end = lf + 1,
): LineResult {
  if (lf === start || bytes[lf - 1] !== CR) return { kind: "bare-lf" };
  // The empty line that ends every head is not worth a call into C++.
  const line =
    lf - 1 === start
      ? ""
      : (bytes as unknown as Latin1Slicer).latin1Slice(start, lf - 1);
  return { kind: "line", line, end, bytes: size };
}

export class LineSplitter {
  #pieces: Buffer[] = [];
  #held = 0;
  #scanned = 0;
  /** The bytes held so far end in CR: the next byte must be LF. */
  #crPending = false;

  /** Bytes examined so far: proof of linearity (never above bytes pushed). */
  get scanned(): number {
    return this.#scanned;
  }

  /**
   * Takes the next line out of `chunk`, starting at `from`. A line longer
   * than `budget` bytes (CRLF included) is reported as soon as the bytes
   * held pass the budget, without waiting for an LF that may never come.
   * Lines must end in CRLF: a bare LF is refused, and so is a bare CR (a
   * CR not followed by LF) the moment the byte after it arrives, without
   * waiting for the rest of the line (RFC 9112 §2.2). The line is returned
   * as latin1, without its CRLF.
   *
   * @exercise
   * @hint nudge: search for LF only in the new bytes, from `from`; never search
   *   what you already hold.
   * @hint concept: RFC 9112 §2.2: lines end in CRLF; a bare LF may be accepted,
   *   a bare CR must be refused or replaced: we refuse both. A CR is bare
   *   unless just before the LF (also one that ended the last chunk). A line
   *   held across chunks counts against the budget as it grows.
   * @hint solution: find the LF from the offset; a CR before it, not just
   *   before it, is bare. No LF: note a trailing CR, add to #held, refuse past
   *   the budget, keep a copy as a piece, partial. LF: check the budget, join
   *   any pieces with the bytes before it; no CR before the LF is a bare LF.
   */
  take(chunk: Buffer, from: number, budget: number): LineResult {
    const lf = chunk.indexOf(LF, from);
    const end = lf < 0 ? chunk.length : lf;
    if (this.#crPending && from < chunk.length && chunk[from] !== LF)
      return { kind: "bare-cr" };
    const cr = chunk.indexOf(CR, from);
    if (cr >= 0 && cr < end - 1) return { kind: "bare-cr" };
    this.#scanned += (lf < 0 ? chunk.length : lf + 1) - from;
    if (lf < 0) {
      if (chunk.length > from) this.#crPending = chunk[chunk.length - 1] === CR;
      this.#held += chunk.length - from;
      if (this.#held > budget) return { kind: "too-long" };
      this.#pieces.push(Buffer.from(chunk.subarray(from)));
      return { kind: "partial" };
    }
    this.#crPending = false;
    const bytes = this.#held + lf + 1 - from;
    if (bytes > budget) return { kind: "too-long" };
    if (this.#pieces.length === 0) return wholeLine(chunk, from, lf, bytes);
    const raw = Buffer.concat([...this.#pieces, chunk.subarray(from, lf)]);
    this.#pieces = [];
    this.#held = 0;
    return wholeLine(raw, 0, raw.length, bytes, lf + 1);
  }

  /**
   * Forgets any partial line, for the next head.
   *
   * @exercise
   * @hint nudge: a partial line from one request must not leak into the next.
   * @hint concept: drop the held pieces and the counters; avoid allocating a
   *   new array when there is nothing to drop (reset runs once per request).
   * @hint solution: replace #pieces only when it is not empty; zero #held and
   *   #scanned.
   */
  reset(): void {
    if (this.#pieces.length > 0) this.#pieces = []; // no array per request
    this.#held = 0;
    this.#scanned = 0;
    this.#crPending = false;
  }
}
