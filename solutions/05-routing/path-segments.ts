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
 * @hint nudge: most segments contain no `%` at all; the rest hold octets, not
 *   characters.
 * @hint concept: RFC 3986 §2.1: "%" HEXDIG HEXDIG is one octet; §2.5: other
 *   characters are sent as their UTF-8 octets, percent-encoded. A plain
 *   character is its own byte; decode the bytes as UTF-8 strictly: a malformed
 *   escape or invalid UTF-8 is a bad path, not a guess.
 * @hint solution: no '%': return the segment. Else collect byte values: a
 *   non-ASCII character is invalid; a '%' needs two hexValue digits and skips
 *   them. Decode the bytes with the fatal UTF-8 decoder, its exception becoming
 *   null.
 */
export function decodePathSegment(raw: string): string | null {
  if (!raw.includes("%")) return raw;
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code !== 0x25) {
      if (code > 0x7f) return null;
      bytes.push(code);
      continue;
    }
    const high = hexValue(raw.charCodeAt(i + 1));
    const low = hexValue(raw.charCodeAt(i + 2));
    if (high === -1 || low === -1) return null;
    bytes.push(high * 16 + low);
    i += 2;
  }
  try {
    return utf8.decode(Uint8Array.from(bytes));
  } catch {
    return null;
  }
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
 * @hint nudge: split first, decode second: an encoded slash must stay inside
 *   its segment.
 * @hint concept: split after the leading '/' on '/', then decodePathSegment
 *   each piece (null: BAD_PATH_ENCODING). A decoded '.', '..' or a NUL is
 *   BAD_PATH_SEGMENT (RFC 3986 §5.2.4: clients remove dot-segments). Return
 *   errors, do not throw them.
 * @hint solution: split what follows the leading "/" on "/". Decode each piece
 *   with decodePathSegment: null returns a BAD_PATH_ENCODING HttpError; ".",
 *   ".." or a NUL returns BAD_PATH_SEGMENT, each message naming the path or
 *   piece. Store each decoded piece back and return the array.
 */
export function splitPath(path: string): readonly string[] | HttpError {
  const segments = path.slice(1).split("/");
  for (let i = 0; i < segments.length; i++) {
    const piece = segments[i] as string;
    const segment = decodePathSegment(piece);
    if (segment === null) {
      const message = `invalid percent-encoding in path: ${path}`;
      return new HttpError("BAD_PATH_ENCODING", message);
    }
    if (segment === "." || segment === ".." || segment.includes("\0")) {
      const message = `path segment not allowed: ${piece}`;
      return new HttpError("BAD_PATH_SEGMENT", message);
    }
    segments[i] = segment;
  }
  return segments;
}
