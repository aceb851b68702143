// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * The index space (RFC 7541 §2.3.3): one numbering over two tables. Indexes
 * 1 to 61 are the static table; 62 and up are the dynamic table, newest
 * first, so an entry's index grows as newer entries push in front of it.
 *
 *     1 ........ 61 | 62 ................. 61 + dynamic length
 *     static table  | dynamic table (newest ... oldest)
 */
import { DynamicTable, type Field } from "./dynamic-table.ts";
import { STATIC_TABLE } from "./static-table.ts";
import { NotImplemented } from "#course/not-implemented.ts";

export const STATIC_LENGTH = STATIC_TABLE.length;

/**
 * Static name to its first index, and name to (value to index): two map
 * lookups, no string built per field the encoder looks up.
 */
const STATIC_NAME = new Map<string, number>();
const STATIC_EXACT = new Map<string, Map<string, number>>();
STATIC_TABLE.forEach(([name, value], i) => {
  if (!STATIC_NAME.has(name)) STATIC_NAME.set(name, i + 1);
  const values = STATIC_EXACT.get(name) ?? new Map<string, number>();
  values.set(value, i + 1);
  STATIC_EXACT.set(name, values);
});

export interface Match {
  readonly index: number;
  /** True when the value matches too: the field is one index byte. */
  readonly exact: boolean;
}

export class HeaderTable {
  readonly dynamic: DynamicTable;

  constructor(maxSize: number) {
    this.dynamic = new DynamicTable(maxSize);
  }

  /**
   * The field at `index` in the combined space; undefined for 0 or past
   * the end, which the decoder reports as COMPRESSION_ERROR (§2.3.3).
   *
   * @exercise
   */
  get(index: number): Field | undefined {
    throw new NotImplemented({
      chapter: "12",
      name: "HeaderTable.get",
      file: "exercises/12-hpack/header-table.ts",
      hint: "small indexes are static, the rest are dynamic counted from 62.",
    });
  }

  /**
   * The best index for a field: exact beats name-only, static beats
   * dynamic (a static index never moves; a dynamic one does).
   *
   * @exercise
   */
  find(name: string, value: string): Match | undefined {
    throw new NotImplemented({
      chapter: "12",
      name: "HeaderTable.find",
      file: "exercises/12-hpack/header-table.ts",
      hint: "four lookups in order: static exact, dynamic exact, static name, dynamic name.",
    });
  }
}
