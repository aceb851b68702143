// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * What Cache-Control directives mean, read into typed records: one for
 * responses (RFC 9111 §5.2.2) and one for requests (§5.2.1). Unknown
 * directives are ignored, as §5.2.3 requires of caches.
 */
import { getCombined } from "#ch02/header-list.ts";
import type { HeaderList } from "#ch03/message.ts";
import { type Directive, parseCacheControl } from "./cache-control.ts";
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function responseDirectives(headers: HeaderList): ResponseDirectives {
  throw new NotImplemented({
    chapter: "07",
    name: "responseDirectives",
    file: "exercises/07-caching/directives.ts",
    hint: "a response's Cache-Control is read once into a record the rest of the cache can trust.",
  });
}

/**
 * A request's Cache-Control, read once (RFC 9111 §5.2.1).
 *
 * @exercise
 */
export function requestDirectives(headers: HeaderList): RequestDirectives {
  throw new NotImplemented({
    chapter: "07",
    name: "requestDirectives",
    file: "exercises/07-caching/directives.ts",
    hint: "a request directive that cannot be read must not make the cache less strict.",
  });
}
