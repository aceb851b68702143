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
 * @hint nudge: a range may run past the end of the file, and that is not an
 *   error: it is shortened.
 * @hint concept: RFC 9110 §14.1.2: a suffix of zero bytes is unsatisfiable; a
 *   longer suffix than the file is the whole file. An int range whose first
 *   byte is at or past the end is unsatisfiable; its last byte is clamped to
 *   size - 1, and an open one runs to the end.
 * @hint solution: for a suffix: refuse length 0, else first = max(0, size -
 *   length), last = size - 1; for an int: refuse first >= size, else last =
 *   min(spec.last ?? size - 1, size - 1).
 */
function clampSpec(spec: RangeSpec, size: number): ByteRange | undefined {
  if (spec.kind === "suffix") {
    if (spec.length === 0) return undefined;
    return { first: Math.max(0, size - spec.length), last: size - 1 };
  }
  if (spec.first >= size) return undefined;
  return { first: spec.first, last: Math.min(spec.last ?? size - 1, size - 1) };
}

/**
 * Sorts and merges ranges that overlap or nearly touch. Returns the input
 * order unchanged when nothing merged: RFC 9110 §15.3.7 asks for parts in
 * the order requested unless they were coalesced.
 *
 * @exercise
 * @hint nudge: '0-,0-,0-' asks for the file three times; merging overlapping
 *   ranges is what keeps the response no larger than the file plus framing.
 * @hint concept: sort by first byte, then walk: a range that starts at most gap
 *   bytes after the previous one's end extends it; otherwise it starts a new
 *   one. When nothing merged, return the input in its original order (RFC 9110
 *   §15.3.7).
 * @hint solution: copy and sort; keep a merged list; compare each range's first
 *   with prev.last + 1 + gap; replace the last entry with the widened range or
 *   push; at the end compare lengths to decide what to return.
 */
export function coalesce(
  ranges: readonly ByteRange[],
  gap: number,
): readonly ByteRange[] {
  const sorted = [...ranges].sort((a, b) => a.first - b.first);
  const merged: ByteRange[] = [];
  for (const r of sorted) {
    const prev = merged.at(-1);
    if (prev && r.first <= prev.last + 1 + gap) {
      merged[merged.length - 1] = {
        first: prev.first,
        last: Math.max(prev.last, r.last),
      };
    } else merged.push(r);
  }
  return merged.length === ranges.length ? ranges : merged;
}

/**
 * Resolves parsed range-specs against a file's length.
 *
 * @exercise
 * @hint nudge: "-500" means the last 500 bytes; "9500-" means from 9500 to the
 *   end; a last-pos past the end is clamped, a first-pos past the end does not
 *   fit.
 * @hint concept: drop specs that do not fit; none left means unsatisfiable. Too
 *   many specs, or an empty file, means ignore the header ("whole"). Then
 *   coalesce overlapping and nearby ranges.
 * @hint solution: if (specs.length > limits.maxRanges) return whole; if (size
 *   === 0 && some spec is a non-empty suffix) return whole; ranges =
 *   specs.map(clampSpec).filter(defined); if none, unsatisfiable; else partial
 *   with coalesce(ranges, limits.coalesceGap).
 */
export function resolveRanges(
  specs: readonly RangeSpec[],
  size: number,
  limits: RangeLimits,
): RangeOutcome {
  if (specs.length > limits.maxRanges) {
    return { kind: "whole", reason: `more than ${limits.maxRanges} ranges` };
  }
  // §14.1.2: for an empty file only a suffix-range is satisfiable, and it
  // selects nothing; sending the (empty) whole is the useful answer.
  if (size === 0 && specs.some((s) => s.kind === "suffix" && s.length > 0)) {
    return { kind: "whole", reason: "empty representation" };
  }
  const ranges: ByteRange[] = [];
  for (const spec of specs) {
    const range = clampSpec(spec, size);
    if (range) ranges.push(range);
  }
  if (ranges.length === 0) return { kind: "unsatisfiable" };
  return { kind: "partial", ranges: coalesce(ranges, limits.coalesceGap) };
}
