/**
 * The chunked transfer coding, decoded (RFC 9112 §7.1):
 *
 *     chunked-body   = *chunk last-chunk trailer-section CRLF
 *     chunk          = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
 *     last-chunk     = 1*("0") [ chunk-ext ] CRLF
 *     trailer-section = *( field-line CRLF )
 *
 * A state machine fed whatever the socket delivers, split anywhere:
 *
 *     size ──size > 0──▶ data ──remaining 0──▶ data-cr ──CR──▶ data-lf ──LF──▶ size
 *     size ──size = 0──▶ trailer ──empty line──▶ done
 *     any ──bad byte, over a limit──▶ error
 *
 * Only step (and its two helpers) change state. Chunk data is handed on
 * as subarrays of the input, never copied; only the short lines (sizes,
 * trailers) are held.
 */
import { Buffer } from "node:buffer";
import { LineSplitter } from "#ch02/line-splitter.ts";
import { parseFieldLine } from "#ch02/field-line.ts";
import type {
  BodyDecoder,
  ConnectionError,
  DecodeStep,
} from "#ch03/body-decoder.ts";
import type { HeaderList } from "#ch03/message.ts";
import { type BodyErrorCode, bodyError } from "./body-errors.ts";
import { type BodyLimits, resolveBodyLimits } from "./body-limits.ts";
import { maxChunkLineBytes, parseChunkSizeLine } from "./chunk-size-line.ts";
import { filterTrailers } from "./trailer-fields.ts";

export type ChunkedState =
  | "size"
  | "data"
  | "data-cr"
  | "data-lf"
  | "trailer"
  | "done"
  | "error";

/** What one transition did: where it stopped, and any body bytes. */
type Progress =
  | { readonly kind: "moved"; readonly at: number; readonly data?: Uint8Array }
  | { readonly kind: "error"; readonly error: ConnectionError };

const CR = 0x0d;
const LF = 0x0a;
const CRLF_BYTES = 2;

const failed = (code: BodyErrorCode): Progress => ({
  kind: "error",
  error: bodyError(code),
});

function asBuffer(input: Uint8Array): Buffer {
  return Buffer.isBuffer(input)
    ? input
    : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
}

export class ChunkedDecoder implements BodyDecoder {
  readonly #limits: BodyLimits;
  readonly #lines = new LineSplitter();
  #state: ChunkedState = "size";
  /** Bytes of the current chunk's data still to come. */
  #remaining = 0;
  /** Content bytes announced by chunk-sizes so far. */
  #total = 0;
  #trailerBytes = 0;
  readonly #trailers: (readonly [string, string])[] = [];
  #error: ConnectionError | undefined;

  constructor(limits: Partial<BodyLimits> = {}) {
    this.#limits = resolveBodyLimits(limits);
  }

  get state(): ChunkedState {
    return this.#state;
  }

  /** Content bytes announced so far (for the body limit). */
  get total(): number {
    return this.#total;
  }

  /**
   * Runs transitions until the input is used up, body bytes come out
   * (handed on at once, one slice per step), the body ends, or an error.
   *
   * @exercise
   * @hint nudge: decode drives step in a loop, and must stop as soon as one
   *   step produced body bytes: the handler gets them at once.
   * @hint concept: a failed decoder repeats its error. Else step from 0 while
   *   input remains and the state is not done: an error is kept; data returns
   *   at once, consumed up to there. Done: consumed to the body's end (the rest
   *   is the next request), with the trailers.
   * @hint solution: a remembered error is answered again. Otherwise view the
   *   input as a Buffer (asBuffer) and step from 0 until the input ends or the
   *   state is done: an error moves to the error state and is kept; a step with
   *   data is returned at once. Then no data, with the trailers only when done.
   */
  decode(input: Uint8Array): DecodeStep {
    if (this.#error !== undefined) return { kind: "error", error: this.#error };
    const buf = asBuffer(input);
    let at = 0;
    while (at < buf.length && this.#state !== "done") {
      const progress = this.step(buf, at);
      if (progress.kind === "error") {
        this.#state = "error";
        this.#error = progress.error;
        return progress;
      }
      at = progress.at;
      if (progress.data !== undefined) {
        return { kind: "data", consumed: at, data: progress.data, done: false };
      }
    }
    if (this.#state !== "done")
      return { kind: "data", consumed: at, data: undefined, done: false };
    return {
      kind: "data",
      consumed: at,
      data: undefined,
      done: true,
      trailers: this.trailers,
    };
  }

  /** The trailer fields a handler may see, once done (RFC 9110 §6.5). */
  get trailers(): HeaderList {
    return filterTrailers(this.#trailers);
  }

  /**
   * The transition function: one step from `at` in the current state.
   *
   * @exercise
   * @hint nudge: data is the only state that hands bytes on; after it come
   *   exactly CR and LF, nothing else.
   * @hint concept: RFC 9112 §7.1: chunk-size line, then exactly that many
   *   bytes, then exactly CRLF; a size of 0 is the last-chunk, followed by the
   *   trailer section and an empty line. The states follow that grammar: size,
   *   data, data-cr, data-lf, trailer, done.
   * @hint solution: switch on the state: size and trailer use their line
   *   helpers; data slices min(remaining, bytes left), counts down, moves to
   *   data-cr at zero and returns the slice; data-cr and data-lf check one byte
   *   each and move on, any other byte being CHUNK_DATA_NOT_CRLF.
   */
  private step(buf: Buffer, at: number): Progress {
    switch (this.#state) {
      case "size":
        return this.#sizeLine(buf, at);
      case "data": {
        const n = Math.min(this.#remaining, buf.length - at);
        this.#remaining -= n;
        if (this.#remaining === 0) this.#state = "data-cr";
        return { kind: "moved", at: at + n, data: buf.subarray(at, at + n) };
      }
      case "data-cr":
        if (buf[at] !== CR) return failed("CHUNK_DATA_NOT_CRLF");
        this.#state = "data-lf";
        return { kind: "moved", at: at + 1 };
      case "data-lf":
        if (buf[at] !== LF) return failed("CHUNK_DATA_NOT_CRLF");
        this.#state = "size";
        return { kind: "moved", at: at + 1 };
      case "trailer":
        return this.#trailerLine(buf, at);
      default:
        throw new Error(`no transition from ${this.#state}`);
    }
  }

  /**
   * state "size": chunk-size [ chunk-ext ] CRLF.
   *
   * @exercise
   * @hint nudge: a size line may arrive one byte at a time, and a client may
   *   send a size line that never ends.
   * @hint concept: take a line under maxChunkLineBytes plus CRLF: partial
   *   waits; too long and bare LF are errors (RFC 9112 §7.1).
   *   parseChunkSizeLine; past maxBodyBytes in all, BODY_TOO_LARGE before the
   *   chunk is read. A size of 0 is the last-chunk: trailers follow.
   * @hint solution: take a line: partial consumes all and waits; too-long,
   *   bare-lf, bare-cr are CHUNK_LINE_TOO_LONG, CHUNK_BARE_LF, CHUNK_BARE_CR.
   *   Parse it (errors pass through); add to #total (BODY_TOO_LARGE past the
   *   limit); set #remaining; 0 goes to trailer, else data.
   */
  #sizeLine(buf: Buffer, at: number): Progress {
    const budget = maxChunkLineBytes(this.#limits) + CRLF_BYTES;
    const line = this.#lines.take(buf, at, budget);
    if (line.kind === "partial") return { kind: "moved", at: buf.length };
    if (line.kind === "too-long") return failed("CHUNK_LINE_TOO_LONG");
    if (line.kind === "bare-lf") return failed("CHUNK_BARE_LF");
    if (line.kind === "bare-cr") return failed("CHUNK_BARE_CR");
    const parsed = parseChunkSizeLine(line.line, this.#limits);
    if (!parsed.ok) return { kind: "error", error: parsed.error };
    this.#total += parsed.size;
    if (this.#total > this.#limits.maxBodyBytes)
      return failed("BODY_TOO_LARGE");
    this.#remaining = parsed.size;
    this.#state = parsed.size === 0 ? "trailer" : "data";
    return { kind: "moved", at: line.end };
  }

  /**
   * state "trailer": field lines, bounded, until the empty line.
   *
   * @exercise
   * @hint nudge: the trailer section ends at an empty line, and it must be
   *   bounded like a head.
   * @hint concept: the budget is what is left of maxTrailerBytes; take a line
   *   (failures as in #sizeLine, the overflow being TRAILER_TOO_LARGE) and
   *   count it. An empty line is done; else parseFieldLine (invalid:
   *   TRAILER_INVALID), refuse past maxTrailerFields, keep it.
   * @hint solution: compute the budget, take the line and map its three failure
   *   kinds; add line.bytes to #trailerBytes; on an empty line set the state to
   *   done; else parse, check the count, push the field; return moved to the
   *   line's end.
   */
  #trailerLine(buf: Buffer, at: number): Progress {
    const budget = this.#limits.maxTrailerBytes - this.#trailerBytes;
    const line = this.#lines.take(buf, at, budget);
    if (line.kind === "partial") return { kind: "moved", at: buf.length };
    if (line.kind === "too-long") return failed("TRAILER_TOO_LARGE");
    if (line.kind === "bare-lf") return failed("CHUNK_BARE_LF");
    if (line.kind === "bare-cr") return failed("CHUNK_BARE_CR");
    this.#trailerBytes += line.bytes;
    if (line.line === "") {
      this.#state = "done";
      return { kind: "moved", at: line.end };
    }
    const field = parseFieldLine(line.line);
    if (!field.ok) return failed("TRAILER_INVALID");
    if (this.#trailers.length >= this.#limits.maxTrailerFields)
      return failed("TRAILER_TOO_LARGE");
    this.#trailers.push(field.value);
    return { kind: "moved", at: line.end };
  }
}
