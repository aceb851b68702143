// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * From a raw path to the segments a router matches on.
 *
 * Split first, decode second: `/files/a%2Fb` is two segments, `files` and
 * `a/b`. Decoding the whole path first would turn the encoded slash into a
 * separator and let a client reshape the path it asked for. Each segment
 * is decoded as UTF-8 octets (RFC 3986 §2.1, §2.5); anything that does not
 * decode cleanly is rejected rather than guessed at.
 */
import { HttpError } from "./http-error.ts";
import { NotImplemented } from "#course/not-implemented.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Value of one hex digit, or -1. */
function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/**
 * Percent-decode one path segment (RFC 3986 §2.1), or return null when the
 * segment is not valid: a `%` without two hex digits after it, or octets
 * that are not UTF-8. `+` is a plus sign here; only queries use it for space.
 *
 * @exercise
 */
export function decodePathSegment(raw: string): string | null {
  throw new NotImplemented({
    chapter: "05",
    name: "decodePathSegment",
    file: "exercises/05-routing/path-segments.ts",
    hint: "most segments contain no `%` at all; the rest hold octets, not characters.",
  });
}

/**
 * Split an absolute path into decoded segments. `/` is one empty segment
 * and `/users/` ends with one, so a trailing slash is a different path.
 *
 * Rejected with 400, because no honest client sends them and each is a
 * known way to escape a directory or truncate a string downstream:
 * dot-segments (`.`, `..`, also as `%2E`), which clients remove before
 * sending (RFC 3986 §5.2.4), and NUL (`%00`).
 *
 * @exercise
 */
export function splitPath(path: string): readonly string[] | HttpError {
  throw new NotImplemented({
    chapter: "05",
    name: "splitPath",
    file: "exercises/05-routing/path-segments.ts",
    hint: "split first, decode second: an encoded slash must stay inside its segment.",
  });
}
