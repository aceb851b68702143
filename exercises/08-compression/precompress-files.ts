// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Writing the siblings precompressed.ts serves: `page.html.br` and
 * `page.html.gz` next to `page.html`, made once at build time with the
 * slowest, smallest settings (STATIC_LEVELS), so that no unchanged page is
 * compressed twice.
 *
 * Compressing per request costs what the page is worth: Brotli made the
 * book's 906 KB chapter 03 page at 84 requests a second against 805
 * uncompressed. A sibling costs nothing per request, and at quality 11
 * instead of 4 it is smaller too. The book build calls precompressTree on
 * its output; any site can do the same.
 *
 * Only files worth it get siblings: a compressible type (the same test as
 * the middleware's) of at least COMPRESSION_THRESHOLD bytes, and a sibling
 * that is actually smaller. A sibling is written with the original's
 * modification time or later, so choosePrecompressed trusts it until the
 * original changes again.
 */
import type { Buffer } from "node:buffer";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { STATIC_LEVELS } from "./codings.ts";
import { contentTypeFor } from "#ch06/content-type.ts";
import { isCompressibleType } from "./compressible-type.ts";
import { SIBLING_SUFFIXES } from "./precompressed.ts";
import { COMPRESSION_THRESHOLD } from "./should-compress.ts";
import { NotImplemented } from "#course/not-implemented.ts";

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/**
 * Above this size Brotli gets quality 9, not 11: quality 11 took about
 * eight seconds per 900 KB page on a busy two-core machine, and a build
 * of the whole book minutes, for a few percent fewer bytes.
 */
export const BROTLI_MAX_QUALITY_BYTES = 256 * 1024;
const LARGE_FILE_BROTLI_QUALITY = 9;

/** Compress with the build-time settings; runs on libuv's thread pool. */
function compressFor(coding: string, bytes: Buffer): Promise<Buffer> {
  if (coding === "gzip") return gzip(bytes, { level: STATIC_LEVELS.gzip });
  const large = bytes.length > BROTLI_MAX_QUALITY_BYTES;
  return brotli(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: large
        ? LARGE_FILE_BROTLI_QUALITY
        : STATIC_LEVELS.br,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
    },
  });
}

/**
 * Is `file` worth siblings? A compressible type, large enough, and not a
 * sibling itself.
 *
 * @exercise
 */
export function wantsSiblings(file: string, size: number): boolean {
  throw new NotImplemented({
    chapter: "08",
    name: "wantsSiblings",
    file: "exercises/08-compression/precompress-files.ts",
    hint: "three reasons to say no, one of them about the file's name.",
  });
}

/**
 * Writes the siblings of one file that are smaller than it; returns how many.
 *
 * @exercise
 */
export async function writeSiblings(file: string): Promise<number> {
  throw new NotImplemented({
    chapter: "08",
    name: "writeSiblings",
    file: "exercises/08-compression/precompress-files.ts",
    hint: "one sibling per coding in SIBLING_SUFFIXES, but only when it pays.",
  });
}

/**
 * Every file under `dir` that wants siblings gets them; returns the count
 * written.
 *
 * @exercise
 */
export async function precompressTree(dir: string): Promise<number> {
  throw new NotImplemented({
    chapter: "08",
    name: "precompressTree",
    file: "exercises/08-compression/precompress-files.ts",
    hint: "walk the tree first, then compress a few files at a time.",
  });
}
