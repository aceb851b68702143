// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * HPACK's integers (RFC 7541 §5.1): a number that starts in the low N
 * bits of a byte whose high bits mean something else, and continues, when
 * it does not fit, in 7-bit groups, least significant first, each byte's
 * top bit saying "more follows".
 *
 *     value < 2^N - 1:   | flags | value      |
 *     otherwise:         | flags | 1 1 ... 1  |  then (value - (2^N - 1))
 *                                                in 7-bit groups, 1xxxxxxx
 *                                                ... 0xxxxxxx
 *
 * Nothing in the RFC bounds the number of continuation bytes, so a
 * decoder must: a peer could send a megabyte of 0xff and ask us to
 * build a number from it. We stop at 2^32 - 1, more than any index,
 * length or table size we would accept.
 */
import { compressionError, type Decoded, ok } from "./hpack-error.ts";
import type { ByteWriter } from "./byte-writer.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/** The largest integer we decode: 32 bits, the size of SETTINGS values. */
export const MAX_INTEGER = 0xffff_ffff;

export interface DecodedInteger {
  readonly value: number;
  /** Offset of the first byte after the integer. */
  readonly next: number;
}

/**
 * Reads an integer whose prefix is the low `prefixBits` bits of
 * `bytes[offset]` (1 to 8, §5.1).
 *
 * @exercise
 */
export function decodeInteger(
  bytes: Uint8Array,
  offset: number,
  prefixBits: number,
): Decoded<DecodedInteger> {
  throw new NotImplemented({
    chapter: "12",
    name: "decodeInteger",
    file: "exercises/12-hpack/integer.ts",
    hint: "if the prefix is not all ones, it is the value; otherwise keep adding 7-bit groups until a byte without the top bit.",
  });
}

/**
 * Writes `value` with a `prefixBits`-bit prefix; `flags` are the high
 * bits of the first byte (the representation's pattern, §6).
 *
 * @exercise
 */
export function encodeInteger(
  out: ByteWriter,
  value: number,
  prefixBits: number,
  flags = 0,
): void {
  throw new NotImplemented({
    chapter: "12",
    name: "encodeInteger",
    file: "exercises/12-hpack/integer.ts",
    hint: "small values fit in the prefix; large ones fill it with ones and write the rest 7 bits at a time.",
  });
}
