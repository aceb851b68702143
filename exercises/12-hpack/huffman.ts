// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function huffmanDecode(bytes: Uint8Array): Decoded<Uint8Array> {
  throw new NotImplemented({
    chapter: "12",
    name: "huffmanDecode",
    file: "exercises/12-hpack/huffman.ts",
    hint: "from the root, follow one child per bit (most significant bit first); at a leaf, emit its symbol and go back to the root.",
  });
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
 */
export function huffmanEncode(out: ByteWriter, text: string): void {
  throw new NotImplemented({
    chapter: "12",
    name: "huffmanEncode",
    file: "exercises/12-hpack/huffman.ts",
    hint: "append each symbol's code bits to an accumulator; whenever it holds 8 or more bits, write out the top byte.",
  });
}
