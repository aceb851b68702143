/**
 * Parsing the Range header field (RFC 9110 §14.1.1, §14.2).
 *
 *     Range        = range-unit "=" range-set
 *     range-set    = 1#range-spec
 *     range-spec   = int-range / suffix-range / other-range
 *     int-range    = first-pos "-" [ last-pos ]
 *     suffix-range = "-" suffix-length
 *
 * Parsing knows nothing about the file: "bytes=500-" is well-formed for a
 * file of any length. Whether the ranges fit is satisfiable-ranges.ts's
 * question. A header we cannot parse is not an error to report: RFC 9110
 * §14.2 has the server ignore it and send the whole representation (200).
 */

/** One range-spec, before we know the file's length. */
export type RangeSpec =
  /** "first-last" or "first-" (last absent: to the end). */
  | {
      readonly kind: "int";
      readonly first: number;
      readonly last: number | undefined;
    }
  /** "-length": the final `length` bytes. */
  | { readonly kind: "suffix"; readonly length: number };

export type RangeHeader =
  | { readonly kind: "ranges"; readonly specs: readonly RangeSpec[] }
  /** Not a byte range we understand: serve the whole file (RFC 9110 §14.2). */
  | { readonly kind: "ignore"; readonly reason: string };

const DIGITS = /^\d+$/;

/**
 * A position. Digits beyond 2^53 are clamped: a file that large cannot
 * exist, so the clamped value is past the end exactly as the real one is.
 */
function position(text: string): number | undefined {
  if (!DIGITS.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : Number.MAX_SAFE_INTEGER;
}

/**
 * One range-spec (RFC 9110 §14.1.1), or undefined when it is malformed.
 *
 * @exercise
 * @hint nudge: '-500' and '500-' mean very different things: the last 500
 *   bytes, and everything from 500 on.
 * @hint concept: split at the dash (none: invalid). An empty first part is a
 *   suffix-range with a length; otherwise first-pos, then an optional last-pos;
 *   RFC 9110 §14.1.1 makes last-pos below first-pos invalid. Use position() so
 *   only digits are accepted.
 * @hint solution: indexOf('-'); slice both sides; for an empty first side
 *   return a suffix spec from position(last side); else parse first, return an
 *   open int spec when the last side is empty, else parse last and refuse it
 *   when invalid or smaller than first.
 */
function parseSpec(text: string): RangeSpec | undefined {
  const dash = text.indexOf("-");
  if (dash === -1) return undefined;
  const firstText = text.slice(0, dash);
  const lastText = text.slice(dash + 1);
  if (firstText === "") {
    const length = position(lastText);
    return length === undefined ? undefined : { kind: "suffix", length };
  }
  const first = position(firstText);
  if (first === undefined) return undefined;
  if (lastText === "") return { kind: "int", first, last: undefined };
  const last = position(lastText);
  // §14.1.1: a range with last-pos less than first-pos is invalid.
  if (last === undefined || last < first) return undefined;
  return { kind: "int", first, last };
}

/**
 * Parses a Range field value. The unit is case-insensitive (§14.1); list
 * elements may be surrounded by optional whitespace and empty elements are
 * skipped (§5.6.1). Anything else invalid means "ignore the header".
 *
 * @exercise
 * @hint nudge: split "bytes=" off the front, then split the rest on commas.
 * @hint concept: three shapes: "a-b", "a-" and "-n". Trim each element, skip
 *   empty ones; b < a, a non-digit, or another unit means ignore the whole
 *   header.
 * @hint solution: const eq = value.indexOf("="); unit = value.slice(0,
 *   eq).toLowerCase() must be "bytes"; for each of value.slice(eq +
 *   1).split(","): trim, skip "", parseSpec or return ignore; zero specs is
 *   ignore too.
 */
export function parseRangeHeader(value: string): RangeHeader {
  const eq = value.indexOf("=");
  if (eq === -1) return { kind: "ignore", reason: "no range unit" };
  const unit = value.slice(0, eq).toLowerCase();
  if (unit !== "bytes")
    return { kind: "ignore", reason: `unit ${unit} not supported` };
  const specs: RangeSpec[] = [];
  for (const element of value.slice(eq + 1).split(",")) {
    const text = element.trim();
    if (text === "") continue;
    const spec = parseSpec(text);
    if (!spec)
      return { kind: "ignore", reason: `invalid range-spec "${text}"` };
    specs.push(spec);
  }
  if (specs.length === 0) return { kind: "ignore", reason: "empty range-set" };
  return { kind: "ranges", specs };
}
