// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
   */
  take(chunk: Buffer, from: number, budget: number): LineResult {
    throw new NotImplemented({
      chapter: "02",
      name: "LineSplitter.take",
      file: "exercises/02-request-parser/line-splitter.ts",
      hint: "search for LF only in the new bytes, from `from`; never search what you already hold.",
    });
  }

  /**
   * Forgets any partial line, for the next head.
   *
   * @exercise
   */
  reset(): void {
    throw new NotImplemented({
      chapter: "02",
      name: "LineSplitter.reset",
      file: "exercises/02-request-parser/line-splitter.ts",
      hint: "a partial line from one request must not leak into the next.",
    });
  }
}
