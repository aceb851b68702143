/**
 * HPACK's string literals (RFC 7541 §5.2): an H bit (Huffman or raw), a
 * length as a 7-bit-prefix integer, and that many bytes.
 *
 *     | H | Length (7+)      |
 *     | String Data (Length bytes) |
 *
 * Strings are kept as latin1 JavaScript strings, one character per byte,
 * as chapter 02 keeps HTTP/1.1 field values: bytes in, the same bytes
 * out, and UTF-8 is the application's business.
 */
import { Buffer } from "node:buffer";
import type { ByteWriter } from "./byte-writer.ts";
import { compressionError, type Decoded, ok } from "./hpack-error.ts";
import { huffmanDecode, huffmanEncode, huffmanLength } from "./huffman.ts";
import { decodeInteger, encodeInteger } from "./integer.ts";

export interface DecodedString {
  readonly value: string;
  readonly next: number;
}

const latin1 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(
    "latin1",
  );

/**
 * Reads a string literal at `offset`. A length beyond the block, or
 * beyond `maxLength` (before or after Huffman decoding), is a
 * COMPRESSION_ERROR: a peer must not make us hold a string larger than
 * any header list we accept.
 *
 * @exercise
 * @hint nudge: the top bit of the first byte is H; the length is an integer
 *   with a 7-bit prefix; then take that many bytes.
 * @hint concept: RFC 7541 §5.2: when H is set the bytes are Huffman-coded and
 *   must be decoded (huffmanDecode). Check the length against what is left in
 *   the block and against maxLength before touching the bytes, and the decoded
 *   length too.
 * @hint solution: read H from the first byte's top bit and the length with
 *   decodeInteger (7 bits). Refuse a length over maxLength or past the block's
 *   end, both compressionError; take those bytes. Raw: return them as latin1.
 *   Huffman: huffmanDecode, pass its error on, check maxLength again.
 */
export function decodeString(
  bytes: Uint8Array,
  offset: number,
  maxLength: number,
): Decoded<DecodedString> {
  if (offset >= bytes.length) return compressionError("string literal missing");
  const huffman = ((bytes[offset] as number) & 0x80) !== 0;
  const n = decodeInteger(bytes, offset, 7);
  if (!n.ok) return n;
  const { value: length, next } = n.value;
  if (length > maxLength)
    return compressionError(`string of ${length} bytes > ${maxLength}`);
  const end = next + length;
  if (end > bytes.length)
    return compressionError("string cut off by the end of the block");
  const raw = bytes.subarray(next, end);
  if (!huffman) return ok({ value: latin1(raw), next: end });
  const decoded = huffmanDecode(raw);
  if (!decoded.ok) return decoded;
  if (decoded.value.length > maxLength)
    return compressionError("decoded string too long");
  return ok({ value: latin1(decoded.value), next: end });
}

/**
 * Writes `text` raw or Huffman-coded, whichever is shorter (or raw, if
 * asked).
 *
 * @exercise
 * @hint nudge: compare huffmanLength(text) with text.length; the H bit (0x80)
 *   says which form follows.
 * @hint concept: RFC 7541 §5.2: the length prefix counts the bytes on the wire,
 *   so a Huffman string's length is its coded length, not the text's. Rare
 *   bytes cost up to 30 bits in Huffman; a string of them is shorter raw.
 * @hint solution: when Huffman is allowed, measure it with huffmanLength; use
 *   it only when strictly shorter than the text. Either way the length goes
 *   first with encodeInteger on 7 bits (0x80 set for Huffman), then
 *   huffmanEncode or the raw latin1 bytes.
 */
export function encodeString(
  out: ByteWriter,
  text: string,
  huffman: boolean,
): void {
  const coded = huffman ? huffmanLength(text) : Number.POSITIVE_INFINITY;
  if (coded < text.length) {
    encodeInteger(out, coded, 7, 0x80);
    huffmanEncode(out, text);
  } else {
    encodeInteger(out, text.length, 7, 0);
    out.latin1(text);
  }
}
