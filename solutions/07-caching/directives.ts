/**
 * What Cache-Control directives mean, read into typed records: one for
 * responses (RFC 9111 §5.2.2) and one for requests (§5.2.1). Unknown
 * directives are ignored, as §5.2.3 requires of caches.
 */
import { getCombined } from "#ch02/header-list.ts";
import type { HeaderList } from "#ch03/message.ts";
import { type Directive, parseCacheControl } from "./cache-control.ts";

/**
 * The largest delta-seconds we represent. RFC 9111 §1.2.2: a larger value
 * (or an overflow) MUST be taken as 2147483648 (2^31) or the greatest
 * integer the cache can conveniently represent.
 */
export const MAX_DELTA_SECONDS = 2 ** 31;

/**
 * `delta-seconds = 1*DIGIT` (RFC 9111 §1.2.2), clamped; undefined if invalid.
 */
export function deltaSeconds(arg: string | undefined): number | undefined {
  if (arg === undefined || !/^\d+$/.test(arg)) return undefined;
  return Math.min(Number(arg), MAX_DELTA_SECONDS);
}

export interface ResponseDirectives {
  readonly maxAge?: number | undefined;
  readonly sMaxAge?: number | undefined;
  readonly public: boolean;
  readonly private: boolean;
  readonly noStore: boolean;
  readonly noCache: boolean;
  readonly immutable: boolean;
  readonly mustRevalidate: boolean;
  /**
   * True when a freshness directive is repeated with different values or
   * has a bad argument; §4.2.1 then lets a cache consider the response
   * stale, which is what we do.
   */
  readonly invalidFreshness: boolean;
}

export interface RequestDirectives {
  readonly maxAge?: number | undefined;
  readonly minFresh?: number | undefined;
  readonly noCache: boolean;
  readonly noStore: boolean;
  readonly onlyIfCached: boolean;
}

/**
 * The directives of every Cache-Control line; a malformed field yields none.
 */
export function directivesOf(headers: HeaderList): readonly Directive[] {
  const value = getCombined(headers, "cache-control");
  if (value === undefined) return [];
  const parsed = parseCacheControl(value);
  return parsed.ok ? parsed.directives : [];
}

/** False when Cache-Control is present but does not parse. */
export function cacheControlParses(headers: HeaderList): boolean {
  const value = getCombined(headers, "cache-control");
  return value === undefined || parseCacheControl(value).ok;
}

/** The one value of a delta-seconds directive; "invalid" when ambiguous. */
function seconds(
  ds: readonly Directive[],
  name: string,
): number | "invalid" | undefined {
  const args = ds.filter(([n]) => n === name).map(([, a]) => a);
  if (args.length === 0) return undefined;
  const values = new Set(args.map(deltaSeconds));
  const [only] = values;
  return values.size === 1 && only !== undefined ? only : "invalid";
}

/**
 * A response's Cache-Control, read once (RFC 9111 §5.2.2).
 *
 * @exercise
 * @hint nudge: a response's Cache-Control is read once into a record the rest
 *   of the cache can trust.
 * @hint concept: collect the directives, then the two lifetimes (max-age,
 *   s-maxage) and the flags. A lifetime that does not parse makes the response
 *   stale at once (RFC 9111 §4.2.1: treat an invalid freshness as stale), and
 *   is flagged so the policy check can report it.
 * @hint solution: ds = directivesOf(headers); a has(name) helper; seconds() for
 *   the two lifetimes, 'invalid' mapped to 0; the boolean flags;
 *   invalidFreshness when either lifetime was invalid.
 */
export function responseDirectives(headers: HeaderList): ResponseDirectives {
  const ds = directivesOf(headers);
  const has = (name: string): boolean => ds.some(([n]) => n === name);
  const maxAge = seconds(ds, "max-age");
  const sMaxAge = seconds(ds, "s-maxage");
  return {
    maxAge: maxAge === "invalid" ? 0 : maxAge,
    sMaxAge: sMaxAge === "invalid" ? 0 : sMaxAge,
    public: has("public"),
    private: has("private"),
    noStore: has("no-store"),
    noCache: has("no-cache"),
    immutable: has("immutable"),
    mustRevalidate: has("must-revalidate"),
    invalidFreshness: maxAge === "invalid" || sMaxAge === "invalid",
  };
}

/**
 * A request's Cache-Control, read once (RFC 9111 §5.2.1).
 *
 * @exercise
 * @hint nudge: a request directive that cannot be read must not make the cache
 *   less strict.
 * @hint concept: max-age, min-fresh, no-cache, no-store, only-if-cached (RFC
 *   9111 §5.2.1). An invalid max-age is read as 0 (revalidate), an invalid
 *   min-fresh as the largest delta (nothing is fresh enough).
 * @hint solution: like responseDirectives: directivesOf, has(), seconds(); map
 *   'invalid' to 0 and to MAX_DELTA_SECONDS.
 */
export function requestDirectives(headers: HeaderList): RequestDirectives {
  const ds = directivesOf(headers);
  const has = (name: string): boolean => ds.some(([n]) => n === name);
  const maxAge = seconds(ds, "max-age");
  const minFresh = seconds(ds, "min-fresh");
  // A request directive we cannot read is taken in its strictest sense.
  return {
    maxAge: maxAge === "invalid" ? 0 : maxAge,
    minFresh: minFresh === "invalid" ? MAX_DELTA_SECONDS : minFresh,
    noCache: has("no-cache"),
    noStore: has("no-store"),
    onlyIfCached: has("only-if-cached"),
  };
}
