// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * The HPACK decoder: a complete field block in, a header list out
 * (RFC 7541 §3, §6).
 *
 * Pipeline: block -> representation by its first bits (§6) -> integers
 * and strings (§5) -> the index space (§2.3) -> fields, and the dynamic
 * table updated exactly as the encoder updated its copy. Chapter 13's
 * connection joins a HEADERS frame and its CONTINUATIONs into one block
 * and calls decode() once per block, in the order the blocks arrived.
 *
 * The first bits of each representation say what it is:
 *
 *     1xxxxxxx  indexed field (§6.1)
 *     01xxxxxx  literal with incremental indexing (§6.2.1)
 *     001xxxxx  dynamic table size update (§6.3)
 *     0001xxxx  literal never indexed (§6.2.3)
 *     0000xxxx  literal without indexing (§6.2.2)
 */
import type { HeaderList } from "#ch03/message.ts";
import { type Field, entrySize } from "./dynamic-table.ts";
import { HeaderTable } from "./header-table.ts";
import {
  compressionError,
  compressionFailure,
  type Decoded,
  type FrameError,
  ok,
} from "./hpack-error.ts";
import { decodeInteger } from "./integer.ts";
import { decodeString } from "./string-literal.ts";
import { NotImplemented } from "#course/not-implemented.ts";

export interface HpackDecoderOptions {
  /**
   * Our SETTINGS_HEADER_TABLE_SIZE: the most the peer may make our table
   * hold. 4,096 is the protocol's initial value (RFC 9113 §6.5.2).
   */
  readonly maxTableSize: number;
  /**
   * Our SETTINGS_MAX_HEADER_LIST_SIZE: the decoded size (names, values and
   * 32 bytes per field, RFC 9113 §6.5.2) we keep. 64 KiB holds any real
   * request with room for large cookies; past it, fields are dropped.
   */
  readonly maxHeaderListSize: number;
}

/** The protocol's initial table size, and a header list limit of 64 KiB. */
export const DEFAULT_HPACK_DECODER_OPTIONS: HpackDecoderOptions = {
  maxTableSize: 4_096,
  maxHeaderListSize: 64 * 1024,
};

export type HpackResult =
  | {
      readonly kind: "fields";
      readonly fields: HeaderList;
      /**
       * Positions of fields sent never-indexed: a proxy must keep them so
       * (§6.2.3).
       */
      readonly neverIndexed: readonly number[];
    }
  /**
   * Valid, but larger than maxHeaderListSize: answer 431 (RFC 9113 §10.5.1).
   */
  | { readonly kind: "too-large"; readonly size: number }
  | { readonly kind: "error"; readonly error: FrameError };

/** One representation's outcome: a field to emit, or none (a size update). */
type Step = Decoded<{
  readonly field?: Field;
  readonly never?: boolean;
  readonly next: number;
}>;

export class HpackDecoder {
  readonly #table: HeaderTable;
  #maxTableSize: number;
  readonly #maxHeaderListSize: number;
  /**
   * Set when our limit dropped below the table's size: §4.2 requires an update.
   */
  #updateRequired = false;
  #error: FrameError | undefined;

  constructor(options: Partial<HpackDecoderOptions> = {}) {
    const o = { ...DEFAULT_HPACK_DECODER_OPTIONS, ...options };
    this.#maxTableSize = o.maxTableSize;
    this.#maxHeaderListSize = o.maxHeaderListSize;
    this.#table = new HeaderTable(o.maxTableSize);
  }

  /** The dynamic table's bytes in use (§4.1), for tests and metrics. */
  get tableSize(): number {
    return this.#table.dynamic.size;
  }

  /**
   * The dynamic table, newest first: for the chapter's transcript and tests.
   */
  get tableEntries(): readonly Field[] {
    const out: Field[] = [];
    for (let i = 1; i <= this.#table.dynamic.length; i++)
      out.push(this.#table.dynamic.get(i) as Field);
    return out;
  }

  /**
   * Our SETTINGS_HEADER_TABLE_SIZE changed and the peer acknowledged it.
   * A smaller limit than the table's current maximum obliges the encoder
   * to send a size update at the start of its next block (§4.2).
   */
  setMaxTableSize(size: number): void {
    if (size < this.#table.dynamic.maxSize) this.#updateRequired = true;
    this.#maxTableSize = size;
  }

  /**
   * Decodes one complete field block. Errors are COMPRESSION_ERROR and
   * final: the table can no longer be trusted, so every later call
   * returns the same error.
   *
   * @exercise
   */
  decode(block: Uint8Array): HpackResult {
    throw new NotImplemented({
      chapter: "12",
      name: "HpackDecoder.decode",
      file: "exercises/12-hpack/hpack-decoder.ts",
      hint: "loop over the block one representation at a time; collect the fields and add up their sizes.",
    });
  }

  #fail(error: FrameError): HpackResult {
    this.#error = error;
    return { kind: "error", error };
  }

  /**
   * One representation at `at`, told apart by its first bits (§6).
   *
   * @exercise
   */
  private representation(
    block: Uint8Array,
    at: number,
    atStart: boolean,
  ): Step {
    throw new NotImplemented({
      chapter: "12",
      name: "HpackDecoder.representation",
      file: "exercises/12-hpack/hpack-decoder.ts",
      hint: "test the high bits in order: 0x80, 0x40, 0x20, 0x10, else 0x00; the prefix length follows from the pattern (7, 6, 5, 4, 4 bits).",
    });
  }

  /**
   * A literal field (§6.2): a name (an index, or a string when the index
   * is 0), then a value string. "index" adds it to the dynamic table.
   *
   * @exercise
   */
  private literal(
    block: Uint8Array,
    at: number,
    prefixBits: number,
    kind: "index" | "plain" | "never",
  ): Step {
    throw new NotImplemented({
      chapter: "12",
      name: "HpackDecoder.literal",
      file: "exercises/12-hpack/hpack-decoder.ts",
      hint: "an integer with the given prefix names the field by index; 0 means a name string follows instead.",
    });
  }
}
