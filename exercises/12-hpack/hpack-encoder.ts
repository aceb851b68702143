// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * The HPACK encoder: a header list in, a field block out (RFC 7541 §6),
 * keeping its dynamic table in step with the peer's decoder.
 *
 * For each field: an exact match in the tables is one index; otherwise a
 * literal, with the name by index when the tables know it, added to the
 * table or not as indexingFor decides. Strings go Huffman-coded when that
 * is shorter.
 */
import type { HeaderList } from "#ch03/message.ts";
import { ByteWriter } from "./byte-writer.ts";
import { entrySize } from "./dynamic-table.ts";
import { HeaderTable } from "./header-table.ts";
import { indexingFor } from "./indexing-policy.ts";
import { encodeInteger } from "./integer.ts";
import { encodeString } from "./string-literal.ts";
import { NotImplemented } from "#course/not-implemented.ts";

export interface HpackEncoderOptions {
  /**
   * The most table we will use, whatever the peer allows. The peer's
   * SETTINGS_HEADER_TABLE_SIZE bounds it from above (setMaxTableSize);
   * 4,096 is the protocol's initial value and plenty for responses.
   */
  readonly maxTableSize: number;
  /** Huffman-code strings when shorter (true), or always send them raw. */
  readonly huffman: boolean;
}

/** The protocol's initial table size, Huffman coding when it is shorter. */
export const DEFAULT_HPACK_ENCODER_OPTIONS: HpackEncoderOptions = {
  maxTableSize: 4_096,
  huffman: true,
};

/**
 * Both tables start at this size until SETTINGS say otherwise (RFC 9113
 * §6.5.2).
 */
const INITIAL_TABLE_SIZE = 4_096;

export class HpackEncoder {
  readonly #table: HeaderTable;
  readonly #limit: number;
  readonly #huffman: boolean;
  readonly #out = new ByteWriter();
  /** Sizes to announce at the start of the next block (§4.2), in order. */
  #pendingUpdates: number[] = [];
  /** What the table looked like when `epoch` last answered. */
  #epoch = 0;
  #newest: unknown;
  #length = 0;
  #maxSize = -1;

  constructor(options: Partial<HpackEncoderOptions> = {}) {
    const o = { ...DEFAULT_HPACK_ENCODER_OPTIONS, ...options };
    this.#limit = o.maxTableSize;
    this.#huffman = o.huffman;
    const size = Math.min(o.maxTableSize, INITIAL_TABLE_SIZE);
    this.#table = new HeaderTable(size);
    // A smaller table than the peer's decoder starts with must be announced.
    if (size < INITIAL_TABLE_SIZE) this.#pendingUpdates = [size];
  }

  /** The dynamic table's bytes in use (§4.1). */
  get tableSize(): number {
    return this.#table.dynamic.size;
  }

  /**
   * A number that changes whenever the dynamic table may have changed
   * (an entry added or evicted, a new size, a size update still to
   * announce). A block encoded without changing it can be sent again,
   * byte for byte, while the epoch holds: its indexes still name the same
   * entries in the peer's decoder (RFC 7541 §2.3.3).
   */
  get epoch(): number {
    if (this.#tableMoved()) this.#epoch++;
    return this.#epoch;
  }

  /**
   * Whether the table may have changed since the last look, remembering
   * what it looks like now.
   *
   * @exercise
   */
  #tableMoved(): boolean {
    throw new NotImplemented({
      chapter: "12",
      name: "HpackEncoder.#tableMoved",
      file: "exercises/12-hpack/hpack-encoder.ts",
      hint: "four things can move the peer's view of our table: what was added last, how many entries there are, the size limit, and a size update not yet announced.",
    });
  }

  /** True when the next block starts with no size update (§4.2). */
  get settled(): boolean {
    return this.#pendingUpdates.length === 0;
  }

  /**
   * The peer's SETTINGS_HEADER_TABLE_SIZE changed. The table shrinks at
   * once if it must, and the next block starts with the size update the
   * decoder needs; if the size dipped and rose again between two blocks,
   * §4.2 requires announcing the smallest first, then the final one.
   *
   * @exercise
   */
  setMaxTableSize(peerLimit: number): void {
    throw new NotImplemented({
      chapter: "12",
      name: "HpackEncoder.setMaxTableSize",
      file: "exercises/12-hpack/hpack-encoder.ts",
      hint: "never use more than our own limit; remember what to announce; shrink the table now.",
    });
  }

  /**
   * One header list as one field block. `sensitive` names fields to send
   * never-indexed beyond the built-in ones (indexingFor).
   */
  encode(fields: HeaderList, sensitive?: ReadonlySet<string>): Uint8Array {
    for (const size of this.#pendingUpdates)
      encodeInteger(this.#out, size, 5, 0x20);
    this.#pendingUpdates = [];
    for (const [name, value] of fields)
      this.encodeField(name, value, sensitive);
    return this.#out.take();
  }

  /**
   * One field, in the cheapest representation its indexing allows.
   *
   * @exercise
   */
  encodeField(
    name: string,
    value: string,
    sensitive?: ReadonlySet<string>,
  ): void {
    throw new NotImplemented({
      chapter: "12",
      name: "HpackEncoder.encodeField",
      file: "exercises/12-hpack/hpack-encoder.ts",
      hint: "look the field up in the tables; an exact match (and indexing allowed) is one index; otherwise write a literal with the name by index if there is one.",
    });
  }
}
