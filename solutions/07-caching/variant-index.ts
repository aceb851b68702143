/**
 * Which stored responses exist for a URI, and what they vary on.
 *
 * The primary cache key is the authority plus the path and query as
 * chapter 02 parsed them (RFC 9111 §2: the target URI), so `/%61pi` and
 * `/api` share one entry, as RFC 3986 §6.2.2 says they are one URI; the
 * secondary key comes from the request fields the response's Vary names
 * (§4.1). The index remembers, per primary key, the Vary field list of the
 * latest stored response and the full keys of its variants, so a lookup
 * can build the full key in one step and an unsafe request can find every
 * variant of a path to invalidate.
 *
 * A field can be given a normaliser (RFC 9111 §4.1: "the selecting header
 * fields ... may be normalized"): chapter 08 reduces Accept-Encoding to
 * the coding it negotiates, so `gzip, deflate, br` and `br, gzip` share
 * the one Brotli variant instead of storing it twice.
 */
import { getCombined, setHeader } from "#ch02/header-list.ts";
import type { HeaderList } from "#ch03/message.ts";
import type { AgeInputs } from "./freshness.ts";
import { varyKey } from "./vary.ts";

/** One stored response. The body is kept whole, as bytes. */
export interface StoredResponse extends AgeInputs {
  readonly status: number;
  readonly headers: HeaderList;
  readonly body: Uint8Array;
  /** Freshness lifetime in seconds, fixed when stored. */
  readonly lifetime: number;
}

interface Variants {
  readonly fields: readonly string[];
  readonly keys: Set<string>;
}

/** Maps a field's combined value (undefined when absent) to its key value. */
export type FieldNormalizer = (value: string | undefined) => string;

/** Full key = primary key, LF, secondary key (LF cannot occur in either). */
const fullKey = (primary: string, secondary: string): string =>
  `${primary}\n${secondary}`;
const primaryOf = (key: string): string => key.slice(0, key.indexOf("\n"));

export class VariantIndex {
  readonly #byPrimary = new Map<string, Variants>();
  readonly #normalizers = new Map<string, FieldNormalizer>();

  /** Keys `field` by `normalize(value)` from now on (lowercase name). */
  normalize(field: string, normalize: FieldNormalizer): void {
    this.#normalizers.set(field.toLowerCase(), normalize);
  }

  /** The request fields as the secondary key reads them. */
  #keyed(fields: readonly string[], headers: HeaderList): HeaderList {
    let keyed = headers;
    for (const field of fields) {
      const normalize = this.#normalizers.get(field);
      if (normalize === undefined) continue;
      keyed = setHeader(keyed, field, normalize(getCombined(headers, field)));
    }
    return keyed;
  }

  /**
   * The full key for a request, or uri-miss when nothing is stored.
   *
   * @exercise
   * @hint nudge: the primary key finds which fields the stored responses vary
   *   on; the request's values of those fields finish the key.
   * @hint concept: RFC 9111 §4.1: a stored response is selected by the request
   *   fields its Vary names. Look up the primary key; nothing stored is a
   *   uri-miss; otherwise read the request's fields (normalised where a
   *   normaliser is registered) into the secondary key and join the two.
   * @hint solution: get the Variants for primary; undefined → { kind:
   *   "uri-miss" }; else the fields' values through #keyed, then varyKey over
   *   them, and fullKey(primary, that) as a found key.
   */
  keyFor(
    primary: string,
    headers: HeaderList,
  ):
    | { readonly kind: "found"; readonly key: string }
    | { readonly kind: "uri-miss" } {
    const variants = this.#byPrimary.get(primary);
    if (variants === undefined) return { kind: "uri-miss" };
    const keyed = this.#keyed(variants.fields, headers);
    return {
      kind: "found",
      key: fullKey(primary, varyKey(variants.fields, keyed)),
    };
  }

  /**
   * Records a variant. A response whose Vary differs from the one stored
   * before displaces the old variants: their keys are returned so the
   * cache can delete them.
   */
  add(
    primary: string,
    fields: readonly string[],
    headers: HeaderList,
  ): { readonly key: string; readonly displaced: readonly string[] } {
    const key = fullKey(primary, varyKey(fields, this.#keyed(fields, headers)));
    const old = this.#byPrimary.get(primary);
    if (old !== undefined && old.fields.join() === fields.join()) {
      old.keys.add(key);
      return { key, displaced: [] };
    }
    this.#byPrimary.set(primary, { fields, keys: new Set([key]) });
    return { key, displaced: [...(old?.keys ?? [])].filter((k) => k !== key) };
  }

  /** Forgets one key (evicted or deleted). */
  forget(key: string): void {
    const primary = primaryOf(key);
    const variants = this.#byPrimary.get(primary);
    if (variants === undefined) return;
    variants.keys.delete(key);
    if (variants.keys.size === 0) this.#byPrimary.delete(primary);
  }

  /**
   * Every key stored for a path, whatever the host, query or variant. A
   * linear scan: invalidation follows writes, which are rare next to reads.
   */
  keysForPath(path: string): string[] {
    const out: string[] = [];
    for (const [primary, variants] of this.#byPrimary) {
      const target = primary.slice(primary.indexOf(" ") + 1);
      const mark = target.indexOf("?");
      if ((mark === -1 ? target : target.slice(0, mark)) === path)
        out.push(...variants.keys);
    }
    return out;
  }
}
