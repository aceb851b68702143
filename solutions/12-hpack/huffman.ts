/**
 * HPACK's Huffman code (RFC 7541 §5.2, Appendix B): a fixed code, built
 * from a sample of real headers, that spends 5 bits on `0`, `a` or `e`
 * and up to 30 on bytes headers rarely contain. It shrinks a typical
 * header string by about a fifth.
 *
 * The code is static, so there is no table to attack. The decoder's
 * dangers are at the end of a string: §5.2 says padding is the most
 * significant bits of EOS (all ones), fewer than 8 of them, and EOS itself
 * must never appear. A decoder that skips those checks accepts strings
 * that another decoder refuses, which is how smuggling starts.
 */
import type { ByteWriter } from "./byte-writer.ts";
import { compressionError, type Decoded, ok } from "./hpack-error.ts";
import { HUFFMAN_CODE } from "./huffman-code.ts";

/** The symbol after 255: "end of string", never sent inside one. */
export const EOS = 256;

/**
 * The decoding tree, as arrays: node n's children are CHILD[2n] (bit 0)
 * and CHILD[2n + 1] (bit 1); SYMBOL[n] is the symbol at a leaf, or -1.
 * 257 symbols make 256 inner nodes and 257 leaves.
 */
const NODES = 513;
const CHILD = new Int16Array(NODES * 2).fill(-1);
const SYMBOL = new Int16Array(NODES).fill(-1);

function buildTree(): void {
  let count = 1; // node 0 is the root
  HUFFMAN_CODE.forEach(([code, bits], symbol) => {
    let node = 0;
    for (let i = bits - 1; i >= 0; i--) {
      const slot = node * 2 + ((code >>> i) & 1);
      if (CHILD[slot] === -1) CHILD[slot] = count++;
      node = CHILD[slot] as number;
    }
    SYMBOL[node] = symbol;
  });
}
buildTree();

/**
 * Decodes a Huffman-coded string, walking the tree one bit at a time.
 *
 * @exercise
 * @hint nudge: from the root, follow one child per bit (most significant bit
 *   first); at a leaf, emit its symbol and go back to the root.
 * @hint concept: RFC 7541 §5.2: after the last symbol, the leftover bits are
 *   padding: fewer than 8, all ones (a prefix of EOS). More than 7 bits, a zero
 *   among them, or EOS decoded inside the string is a COMPRESSION_ERROR.
 * @hint solution: track the node, the bits since the last symbol, and whether
 *   all were ones. Per bit, high first, step through CHILD; a leaf in SYMBOL is
 *   emitted (EOS: error) and resets all three. At the end, over 7 bits or a
 *   zero: error.
 */
export function huffmanDecode(bytes: Uint8Array): Decoded<Uint8Array> {
  // The shortest code is 5 bits, so n bytes hold at most 8n/5 symbols.
  const out = new Uint8Array(Math.floor((bytes.length * 8) / 5));
  let length = 0;
  let node = 0;
  let pending = 0;
  let ones = true;
  for (const byte of bytes) {
    for (let bit = 7; bit >= 0; bit--) {
      const b = (byte >> bit) & 1;
      node = CHILD[node * 2 + b] as number;
      pending++;
      ones &&= b === 1;
      const symbol = SYMBOL[node] as number;
      if (symbol < 0) continue;
      if (symbol === EOS)
        return compressionError("EOS inside a Huffman string");
      out[length++] = symbol;
      node = 0;
      pending = 0;
      ones = true;
    }
  }
  if (pending > 7)
    return compressionError("Huffman padding longer than 7 bits");
  if (!ones)
    return compressionError("Huffman padding that is not a prefix of EOS");
  return ok(out.subarray(0, length));
}

/**
 * Bytes the Huffman form of `text` (latin1) takes: to choose the shorter form.
 */
export function huffmanLength(text: string): number {
  let bits = 0;
  for (let i = 0; i < text.length; i++)
    bits += (
      HUFFMAN_CODE[text.charCodeAt(i) & 0xff] as readonly number[]
    )[1] as number;
  return Math.ceil(bits / 8);
}

/**
 * Writes the Huffman form of `text` (latin1), padded with ones to a byte.
 *
 * @exercise
 * @hint nudge: append each symbol's code bits to an accumulator; whenever it
 *   holds 8 or more bits, write out the top byte.
 * @hint concept: RFC 7541 §5.2: codes are written most significant bit first,
 *   with no separators; the last byte is padded with the high bits of EOS,
 *   which are all ones.
 * @hint solution: append each character's HUFFMAN_CODE to an accumulator
 *   (multiply by 2 to the code length and add: it outgrows 32 bits, so no
 *   shifts); while 8 or more bits are held, write the top byte. Pad the last
 *   one with ones.
 */
export function huffmanEncode(out: ByteWriter, text: string): void {
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const [code, length] = HUFFMAN_CODE[text.charCodeAt(i) & 0xff] as readonly [
      number,
      number,
    ];
    acc = acc * 2 ** length + code;
    bits += length;
    while (bits >= 8) {
      bits -= 8;
      const scale = 2 ** bits;
      out.byte(Math.floor(acc / scale) & 0xff);
      acc %= scale;
    }
  }
  if (bits > 0) out.byte(((acc << (8 - bits)) | (0xff >> bits)) & 0xff);
}
