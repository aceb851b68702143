// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
   */
  decode(input: Uint8Array): DecodeStep {
    throw new NotImplemented({
      chapter: "04",
      name: "ChunkedDecoder.decode",
      file: "exercises/04-bodies-and-chunking/chunked-decoder.ts",
      hint: "decode drives step in a loop, and must stop as soon as one step produced body bytes: the handler gets them at once.",
    });
  }

  /** The trailer fields a handler may see, once done (RFC 9110 §6.5). */
  get trailers(): HeaderList {
    return filterTrailers(this.#trailers);
  }

  /**
   * The transition function: one step from `at` in the current state.
   *
   * @exercise
   */
  private step(buf: Buffer, at: number): Progress {
    throw new NotImplemented({
      chapter: "04",
      name: "ChunkedDecoder.step",
      file: "exercises/04-bodies-and-chunking/chunked-decoder.ts",
      hint: "data is the only state that hands bytes on; after it come exactly CR and LF, nothing else.",
    });
  }

  /**
   * state "size": chunk-size [ chunk-ext ] CRLF.
   *
   * @exercise
   */
  #sizeLine(buf: Buffer, at: number): Progress {
    throw new NotImplemented({
      chapter: "04",
      name: "ChunkedDecoder.#sizeLine",
      file: "exercises/04-bodies-and-chunking/chunked-decoder.ts",
      hint: "a size line may arrive one byte at a time, and a client may send a size line that never ends.",
    });
  }

  /**
   * state "trailer": field lines, bounded, until the empty line.
   *
   * @exercise
   */
  #trailerLine(buf: Buffer, at: number): Progress {
    throw new NotImplemented({
      chapter: "04",
      name: "ChunkedDecoder.#trailerLine",
      file: "exercises/04-bodies-and-chunking/chunked-decoder.ts",
      hint: "the trailer section ends at an empty line, and it must be bounded like a head.",
    });
  }
}
