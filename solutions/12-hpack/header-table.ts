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
   * @hint nudge: small indexes are static, the rest are dynamic counted from
   *   62.
   * @hint concept: RFC 7541 §2.3.3: "Indices strictly greater than the length
   *   of the first table correspond to elements in the second table"; index 0
   *   is never valid.
   * @hint solution: three cases in order: anything below 1 is nothing; up to
   *   STATIC_LENGTH it is STATIC_TABLE at the index less one; beyond that, ask
   *   the dynamic table for the index less STATIC_LENGTH (it answers nothing
   *   past its end).
   */
  get(index: number): Field | undefined {
    if (index < 1) return undefined;
    if (index <= STATIC_LENGTH) return STATIC_TABLE[index - 1];
    return this.dynamic.get(index - STATIC_LENGTH);
  }

  /**
   * The best index for a field: exact beats name-only, static beats
   * dynamic (a static index never moves; a dynamic one does).
   *
   * @exercise
   * @hint nudge: four lookups in order: static exact, dynamic exact, static
   *   name, dynamic name.
   * @hint concept: RFC 7541 §2.3.3: dynamic indexes start after the 61 static
   *   ones, so a dynamic entry i is index 61 + i. An exact match lets the
   *   encoder send one index (§6.1); a name match saves the name (§6.2).
   * @hint solution: look up STATIC_EXACT by name then value and return an exact
   *   match if found; ask the dynamic table's find once and return its exact
   *   match, shifted by STATIC_LENGTH; then a STATIC_NAME hit as a name-only
   *   match; last, the dynamic name-only match (shifted), or nothing.
   */
  find(name: string, value: string): Match | undefined {
    const exact = STATIC_EXACT.get(name)?.get(value);
    if (exact !== undefined) return { index: exact, exact: true };
    const dynamic = this.dynamic.find(name, value);
    if (dynamic?.exact)
      return { index: dynamic.index + STATIC_LENGTH, exact: true };
    const byName = STATIC_NAME.get(name);
    if (byName !== undefined) return { index: byName, exact: false };
    return dynamic && { index: dynamic.index + STATIC_LENGTH, exact: false };
  }
}
