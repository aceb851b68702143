/**
 * The line that opens every chunk (RFC 9112 §7.1):
 *
 *     chunk      = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
 *     chunk-size = 1*HEXDIG
 *
 * "Recipients MUST anticipate potentially large hexadecimal numerals and
 * prevent parsing errors due to integer conversion overflows or precision
 * loss due to integer representation." A size that wraps or rounds is a
 * size two parsers read differently: a smuggling primitive.
 */
import type { ConnectionError } from "#ch03/body-decoder.ts";
import { bodyError } from "./body-errors.ts";
import {
  type ChunkExtension,
  parseChunkExtensions,
} from "./chunk-extensions.ts";

export type ChunkSizeLine =
  | {
      readonly ok: true;
      readonly size: number;
      readonly extensions: readonly ChunkExtension[];
    }
  | { readonly ok: false; readonly error: ConnectionError };

export interface ChunkLineLimits {
  readonly maxChunkSizeDigits: number;
  readonly maxChunkExtensionBytes: number;
}

/** HEXDIG = DIGIT / "A"-"F", case-insensitive (RFC 5234 core rules). */
function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

const refused = (code: Parameters<typeof bodyError>[0]): ChunkSizeLine => ({
  ok: false,
  error: bodyError(code),
});

/**
 * Parses a chunk-size line (without its CRLF): the size in hex, then any
 * extensions. Refuses no digits, too many digits, a value past
 * Number.MAX_SAFE_INTEGER, and extensions that are malformed or longer
 * than the limit.
 *
 * @exercise
 * @hint nudge: "1f" is 31 and "1F" too; "" and " 5" are not sizes; an overflow
 *   must be an error, not a wrap-around.
 * @hint concept: RFC 9112 §7.1: chunk-size = 1*HEXDIG, and recipients MUST
 *   guard against large numerals overflowing or losing precision: cap the digit
 *   count (maxChunkSizeDigits) and the value (Number.MAX_SAFE_INTEGER). What
 *   follows the digits is the chunk-ext (§7.1.1).
 * @hint solution: fold digits into the size while hexValue accepts the byte:
 *   none is CHUNK_SIZE_INVALID; too many or past the safe range,
 *   CHUNK_SIZE_TOO_LARGE. The rest must fit maxChunkExtensionBytes;
 *   parseChunkExtensions' undefined is CHUNK_EXTENSION_INVALID.
 */
export function parseChunkSizeLine(
  line: string,
  limits: ChunkLineLimits,
): ChunkSizeLine {
  let i = 0;
  let size = 0;
  for (let digit = hexValue(line.charCodeAt(0)); digit >= 0; ) {
    size = size * 16 + digit;
    i++;
    digit = i < line.length ? hexValue(line.charCodeAt(i)) : -1;
  }
  if (i === 0) return refused("CHUNK_SIZE_INVALID");
  if (i > limits.maxChunkSizeDigits || size > Number.MAX_SAFE_INTEGER) {
    return refused("CHUNK_SIZE_TOO_LARGE");
  }
  const rest = line.slice(i);
  if (rest.length > limits.maxChunkExtensionBytes)
    return refused("CHUNK_EXTENSION_TOO_LONG");
  const extensions = parseChunkExtensions(rest);
  if (extensions === undefined) return refused("CHUNK_EXTENSION_INVALID");
  return { ok: true, size, extensions };
}

/**
 * The longest chunk-size line (without CRLF) the limits allow: the
 * decoder refuses a line as soon as it passes this, without waiting for
 * a CRLF that may never come.
 */
export function maxChunkLineBytes(limits: ChunkLineLimits): number {
  return limits.maxChunkSizeDigits + limits.maxChunkExtensionBytes;
}
