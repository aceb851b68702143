// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function parseChunkSizeLine(
  line: string,
  limits: ChunkLineLimits,
): ChunkSizeLine {
  throw new NotImplemented({
    chapter: "04",
    name: "parseChunkSizeLine",
    file: "exercises/04-bodies-and-chunking/chunk-size-line.ts",
    hint: "\"1f\" is 31 and \"1F\" too; \"\" and \" 5\" are not sizes; an overflow must be an error, not a wrap-around.",
  });
}

/**
 * The longest chunk-size line (without CRLF) the limits allow: the
 * decoder refuses a line as soon as it passes this, without waiting for
 * a CRLF that may never come.
 */
export function maxChunkLineBytes(limits: ChunkLineLimits): number {
  return limits.maxChunkSizeDigits + limits.maxChunkExtensionBytes;
}
