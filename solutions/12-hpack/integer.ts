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
 * @hint nudge: if the prefix is not all ones, it is the value; otherwise keep
 *   adding 7-bit groups until a byte without the top bit.
 * @hint concept: RFC 7541 §5.1: I = prefix; if I < 2^N - 1 return I; M = 0;
 *   repeat { B = next byte; I += (B & 127) * 2^M; M += 7 } while (B & 128).
 *   Running out of bytes, or a value beyond MAX_INTEGER, is a
 *   COMPRESSION_ERROR.
 * @hint solution: mask the first byte with the prefix's all-ones value; below
 *   it, done. Else add each next byte's low 7 bits times a multiplier that
 *   grows by 128 (multiply, never shift), failing at the block's end or past
 *   MAX_INTEGER; a byte without the top bit ends it.
 */
export function decodeInteger(
  bytes: Uint8Array,
  offset: number,
  prefixBits: number,
): Decoded<DecodedInteger> {
  const max = (1 << prefixBits) - 1;
  let value = (bytes[offset] as number) & max;
  let at = offset + 1;
  if (value < max) return ok({ value, next: at });
  let shift = 1;
  for (;;) {
    if (at >= bytes.length)
      return compressionError("integer cut off by the end of the block");
    const b = bytes[at++] as number;
    value += (b & 0x7f) * shift;
    if (value > MAX_INTEGER)
      return compressionError("integer larger than 2^32 - 1");
    if ((b & 0x80) === 0) return ok({ value, next: at });
    shift *= 128;
  }
}

/**
 * Writes `value` with a `prefixBits`-bit prefix; `flags` are the high
 * bits of the first byte (the representation's pattern, §6).
 *
 * @exercise
 * @hint nudge: small values fit in the prefix; large ones fill it with ones and
 *   write the rest 7 bits at a time.
 * @hint concept: RFC 7541 §5.1: if I < 2^N - 1 encode I on N bits; else encode
 *   2^N - 1 on N bits, I = I - (2^N - 1), while I >= 128 { write I % 128 + 128;
 *   I = I / 128 }, write I.
 * @hint solution: below the prefix's all-ones value, write it with the flags in
 *   one byte. Otherwise write the flags with all ones, subtract that from the
 *   value, and write 7 bits at a time from the low end, top bit set on every
 *   byte but the last.
 */
export function encodeInteger(
  out: ByteWriter,
  value: number,
  prefixBits: number,
  flags = 0,
): void {
  const max = (1 << prefixBits) - 1;
  if (value < max) {
    out.byte(flags | value);
    return;
  }
  out.byte(flags | max);
  let rest = value - max;
  while (rest >= 128) {
    out.byte((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.byte(rest);
}
