// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function decodeString(
  bytes: Uint8Array,
  offset: number,
  maxLength: number,
): Decoded<DecodedString> {
  throw new NotImplemented({
    chapter: "12",
    name: "decodeString",
    file: "exercises/12-hpack/string-literal.ts",
    hint: "the top bit of the first byte is H; the length is an integer with a 7-bit prefix; then take that many bytes.",
  });
}

/**
 * Writes `text` raw or Huffman-coded, whichever is shorter (or raw, if
 * asked).
 *
 * @exercise
 */
export function encodeString(
  out: ByteWriter,
  text: string,
  huffman: boolean,
): void {
  throw new NotImplemented({
    chapter: "12",
    name: "encodeString",
    file: "exercises/12-hpack/string-literal.ts",
    hint: "compare huffmanLength(text) with text.length; the H bit (0x80) says which form follows.",
  });
}
