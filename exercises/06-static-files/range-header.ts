// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
function parseSpec(text: string): RangeSpec | undefined {
  throw new NotImplemented({
    chapter: "06",
    name: "parseSpec",
    file: "exercises/06-static-files/range-header.ts",
    hint: "'-500' and '500-' mean very different things: the last 500 bytes, and everything from 500 on.",
  });
}

/**
 * Parses a Range field value. The unit is case-insensitive (§14.1); list
 * elements may be surrounded by optional whitespace and empty elements are
 * skipped (§5.6.1). Anything else invalid means "ignore the header".
 *
 * @exercise
 */
export function parseRangeHeader(value: string): RangeHeader {
  throw new NotImplemented({
    chapter: "06",
    name: "parseRangeHeader",
    file: "exercises/06-static-files/range-header.ts",
    hint: "split \"bytes=\" off the front, then split the rest on commas.",
  });
}
