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
   * @hint nudge: loop over the block one representation at a time; collect the
   *   fields and add up their sizes.
   * @hint concept: RFC 7541 §4.2: table size updates may only come first in a
   *   block, and one is required when our limit shrank. RFC 9113 §10.5.1: a
   *   block over the header list limit must still be decoded to the end (the
   *   table must stay in step), but its fields need not be kept.
   * @hint solution: a remembered error first. Walk the block with
   *   representation (atStart until a field; errors go through #fail), summing
   *   entrySize, keeping fields within the limit. Then an owed size update
   *   fails; over the limit is too-large.
   */
  decode(block: Uint8Array): HpackResult {
    if (this.#error) return { kind: "error", error: this.#error };
    const fields: Field[] = [];
    const neverIndexed: number[] = [];
    let size = 0;
    let at = 0;
    let atStart = true;
    while (at < block.length) {
      const step = this.representation(block, at, atStart);
      if (!step.ok) return this.#fail(step.error);
      at = step.value.next;
      const field = step.value.field;
      if (field === undefined) continue;
      atStart = false;
      size += entrySize(field[0], field[1]);
      if (size > this.#maxHeaderListSize) continue;
      if (step.value.never) neverIndexed.push(fields.length);
      fields.push(field);
    }
    if (this.#updateRequired) {
      return this.#fail(
        compressionFailure("table size update required at block start"),
      );
    }
    if (size > this.#maxHeaderListSize) return { kind: "too-large", size };
    return { kind: "fields", fields, neverIndexed };
  }

  #fail(error: FrameError): HpackResult {
    this.#error = error;
    return { kind: "error", error };
  }

  /**
   * One representation at `at`, told apart by its first bits (§6).
   *
   * @exercise
   * @hint nudge: test the high bits in order: 0x80, 0x40, 0x20, 0x10, else
   *   0x00; the prefix length follows from the pattern (7, 6, 5, 4, 4 bits).
   * @hint concept: RFC 7541 §6: an indexed field names an existing entry (0 or
   *   past the table: error); the literal forms differ in pattern and in being
   *   added (§6.2.1) or never indexed (§6.2.3); a size update (§6.3) only at a
   *   block's start, never above our table size.
   * @hint solution: 0x80: a 7-bit index (unknown: compressionError); 0x40:
   *   literal, 6 bits, "index"; 0x20: size update, refused after a field or
   *   over #maxTableSize, else set the maximum, clear #updateRequired; else
   *   literal, 4 bits, "never" if 0x10.
   */
  private representation(
    block: Uint8Array,
    at: number,
    atStart: boolean,
  ): Step {
    const b = block[at] as number;
    if (b & 0x80) {
      const i = decodeInteger(block, at, 7);
      if (!i.ok) return i;
      const field = this.#table.get(i.value.value);
      if (!field)
        return compressionError(`index ${i.value.value} is not in the table`);
      return ok({ field, next: i.value.next });
    }
    if (b & 0x40) return this.literal(block, at, 6, "index");
    if (b & 0x20) {
      if (!atStart) return compressionError("table size update after a field");
      const n = decodeInteger(block, at, 5);
      if (!n.ok) return n;
      if (n.value.value > this.#maxTableSize) {
        return compressionError(
          `table size ${n.value.value} > our limit ${this.#maxTableSize}`,
        );
      }
      this.#table.dynamic.setMaxSize(n.value.value);
      this.#updateRequired = false;
      return ok({ next: n.value.next });
    }
    return this.literal(block, at, 4, b & 0x10 ? "never" : "plain");
  }

  /**
   * A literal field (§6.2): a name (an index, or a string when the index
   * is 0), then a value string. "index" adds it to the dynamic table.
   *
   * @exercise
   * @hint nudge: an integer with the given prefix names the field by index; 0
   *   means a name string follows instead.
   * @hint concept: RFC 7541 §6.2: the three literal forms share this layout;
   *   only incremental indexing (§6.2.1) adds the field to the dynamic table,
   *   and never-indexed (§6.2.3) must be reported so a proxy re-encodes it the
   *   same way. A name index that is not in the table is a COMPRESSION_ERROR.
   * @hint solution: decodeInteger; 0 means a name string, else that entry's
   *   name (missing: compressionError). decodeString the value; "index" adds
   *   the pair to the dynamic table; return the field, the never flag, the
   *   offset after it.
   */
  private literal(
    block: Uint8Array,
    at: number,
    prefixBits: number,
    kind: "index" | "plain" | "never",
  ): Step {
    const limit = this.#maxHeaderListSize;
    const i = decodeInteger(block, at, prefixBits);
    if (!i.ok) return i;
    let name: string;
    let next = i.value.next;
    if (i.value.value === 0) {
      const s = decodeString(block, next, limit);
      if (!s.ok) return s;
      name = s.value.value;
      next = s.value.next;
    } else {
      const entry = this.#table.get(i.value.value);
      if (!entry)
        return compressionError(
          `name index ${i.value.value} is not in the table`,
        );
      name = entry[0];
    }
    const v = decodeString(block, next, limit);
    if (!v.ok) return v;
    const field: Field = [name, v.value.value];
    if (kind === "index") this.#table.dynamic.add(name, v.value.value);
    return ok({ field, never: kind === "never", next: v.value.next });
  }
}
