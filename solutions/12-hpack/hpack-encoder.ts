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
   * @hint nudge: four things can move the peer's view of our table: what
   *   was added last, how many entries there are, the size limit, and a
   *   size update not yet announced.
   * @hint concept: RFC 7541 §2.3.3: an index names an entry by its age, so a
   *   kept block is valid only while nothing was added or evicted and no size
   *   change is pending (§6.3). Compare the newest entry by identity: that
   *   catches an add even when an eviction keeps the count.
   * @hint solution: read the dynamic table's newest entry (index 1), its
   *   length and maxSize; it moved if any differs from the remembered
   *   ones or updates are pending; remember the three and return moved.
   */
  #tableMoved(): boolean {
    const dynamic = this.#table.dynamic;
    const newest = dynamic.get(1);
    const moved =
      newest !== this.#newest ||
      dynamic.length !== this.#length ||
      dynamic.maxSize !== this.#maxSize ||
      this.#pendingUpdates.length > 0;
    this.#newest = newest;
    this.#length = dynamic.length;
    this.#maxSize = dynamic.maxSize;
    return moved;
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
   * @hint nudge: never use more than our own limit; remember what to announce;
   *   shrink the table now.
   * @hint concept: RFC 7541 §4.2: "the smallest maximum table size that occurs
   *   in that interval MUST be signaled in a dynamic table size update. The
   *   final maximum size is always signaled." Evicting at once (§4.3) keeps our
   *   table identical to what the decoder will have after the update.
   * @hint solution: clamp the peer's limit by our own; pending becomes the
   *   least of that and any pending update, followed by the clamped size when
   *   they differ; then shrink the dynamic table to the clamped size at once.
   */
  setMaxTableSize(peerLimit: number): void {
    const size = Math.min(peerLimit, this.#limit);
    const smallest = Math.min(size, ...this.#pendingUpdates);
    this.#pendingUpdates = smallest < size ? [smallest, size] : [size];
    this.#table.dynamic.setMaxSize(size);
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
   * @hint nudge: look the field up in the tables; an exact match (and indexing
   *   allowed) is one index; otherwise write a literal with the name by index
   *   if there is one.
   * @hint concept: RFC 7541 §6.1, §6.2: indexed 1xxxxxxx (7-bit index);
   *   incremental indexing 01xxxxxx (6-bit name index, 0: literal name) adds to
   *   the table; without indexing 0000xxxx, never indexed 0001xxxx (4-bit). A
   *   never-indexed field is never sent as an index.
   * @hint solution: indexingFor (too big for the table: no-index), then find.
   *   Exact and not "never": a 7-bit index under 0x80. Else 6 bits under 0x40,
   *   or 4 under 0x10 or 0: name index (0: none), name string if unmatched, the
   *   value, and add it to the table when indexing.
   */
  encodeField(
    name: string,
    value: string,
    sensitive?: ReadonlySet<string>,
  ): void {
    let how = indexingFor(name, value, sensitive);
    // An entry larger than the table would only empty it (§4.4).
    if (how === "index" && entrySize(name, value) > this.#table.dynamic.maxSize)
      how = "no-index";
    const match = this.#table.find(name, value);
    if (how !== "never" && match?.exact) {
      encodeInteger(this.#out, match.index, 7, 0x80);
      return;
    }
    const [bits, flags] =
      how === "index" ? [6, 0x40] : how === "never" ? [4, 0x10] : [4, 0];
    encodeInteger(this.#out, match?.index ?? 0, bits, flags);
    if (!match) encodeString(this.#out, name, this.#huffman);
    encodeString(this.#out, value, this.#huffman);
    if (how === "index") this.#table.dynamic.add(name, value);
  }
}
