// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Which bytes to send, now that we know the file's length
 * (RFC 9110 §14.1.2, §14.2).
 *
 *     size 10000, "bytes=-500"          → 9500-9999
 *     size 10000, "bytes=9500-"         → 9500-9999
 *     size 10000, "bytes=0-0,-1"        → 0-0 and 9999-9999
 *     size 10000, "bytes=500-600,601-999" → 500-999 (coalesced)
 *     size 10000, "bytes=10000-"        → unsatisfiable: 416
 *
 * This is also where a server defends itself. A Range header is a few
 * bytes; the response it asks for can be many times the file: "bytes=0-,0-,
 * 0-,..." requests the whole file once per element, and thousands of tiny
 * ranges each cost a part header. RFC 9110 §14.2 lets a server ignore or
 * reject such requests; we cap the count and coalesce what overlaps, so the
 * response never exceeds the file plus a bounded framing overhead.
 */
import type { RangeSpec } from "./range-header.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/** An inclusive byte interval, like Content-Range writes it. */
export interface ByteRange {
  readonly first: number;
  readonly last: number;
}

export type RangeOutcome =
  | { readonly kind: "partial"; readonly ranges: readonly ByteRange[] }
  /** No range-spec fits the file: 416 with Content-Range: bytes * /size. */
  | { readonly kind: "unsatisfiable" }
  /** Send the whole representation with 200, as if there were no Range. */
  | { readonly kind: "whole"; readonly reason: string };

export interface RangeLimits {
  /** Most range-specs accepted (MAX_RANGES). */
  readonly maxRanges: number;
  /** Merge ranges separated by fewer bytes than this (RANGE_COALESCE_GAP). */
  readonly coalesceGap: number;
}

/**
 * A spec's interval within a file of `size` bytes, or undefined.
 *
 * @exercise
 */
function clampSpec(spec: RangeSpec, size: number): ByteRange | undefined {
  throw new NotImplemented({
    chapter: "06",
    name: "clampSpec",
    file: "exercises/06-static-files/satisfiable-ranges.ts",
    hint: "a range may run past the end of the file, and that is not an error: it is shortened.",
  });
}

/**
 * Sorts and merges ranges that overlap or nearly touch. Returns the input
 * order unchanged when nothing merged: RFC 9110 §15.3.7 asks for parts in
 * the order requested unless they were coalesced.
 *
 * @exercise
 */
export function coalesce(
  ranges: readonly ByteRange[],
  gap: number,
): readonly ByteRange[] {
  throw new NotImplemented({
    chapter: "06",
    name: "coalesce",
    file: "exercises/06-static-files/satisfiable-ranges.ts",
    hint: "'0-,0-,0-' asks for the file three times; merging overlapping ranges is what keeps the response no larger than the file plus framing.",
  });
}

/**
 * Resolves parsed range-specs against a file's length.
 *
 * @exercise
 */
export function resolveRanges(
  specs: readonly RangeSpec[],
  size: number,
  limits: RangeLimits,
): RangeOutcome {
  throw new NotImplemented({
    chapter: "06",
    name: "resolveRanges",
    file: "exercises/06-static-files/satisfiable-ranges.ts",
    hint: "\"-500\" means the last 500 bytes; \"9500-\" means from 9500 to the end; a last-pos past the end is clamped, a first-pos past the end does not fit.",
  });
}
