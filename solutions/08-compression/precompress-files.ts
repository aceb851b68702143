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
 * @hint nudge: three reasons to say no, one of them about the file's name.
 * @hint concept: a `.br` or `.gz` file is already a sibling (SIBLING_SUFFIXES);
 *   below COMPRESSION_THRESHOLD the framing costs more than it saves (the same
 *   rule as the middleware's); only compressible media types shrink.
 * @hint solution: refuse names ending in any suffix of SIBLING_SUFFIXES; then
 *   require size >= COMPRESSION_THRESHOLD and isCompressibleType of the type
 *   that contentTypeFor gives the file.
 */
export function wantsSiblings(file: string, size: number): boolean {
  if (SIBLING_SUFFIXES.some(([, suffix]) => file.endsWith(suffix)))
    return false;
  return (
    size >= COMPRESSION_THRESHOLD && isCompressibleType(contentTypeFor(file))
  );
}

/**
 * Writes the siblings of one file that are smaller than it; returns how many.
 *
 * @exercise
 * @hint nudge: one sibling per coding in SIBLING_SUFFIXES, but only when it
 *   pays.
 * @hint concept: compress the whole file once per coding (compressFor) and keep
 *   the result only when it is smaller than the original: a sibling that is
 *   larger would make choosePrecompressed serve more bytes, not fewer.
 * @hint solution: read the file; for each [coding, suffix] compress, skip when
 *   not smaller, else write it to file + suffix (after the original, so it is
 *   newer) and count it.
 */
export async function writeSiblings(file: string): Promise<number> {
  const bytes = await readFile(file);
  let written = 0;
  for (const [coding, suffix] of SIBLING_SUFFIXES) {
    const packed = await compressFor(coding, bytes);
    if (packed.length >= bytes.length) continue;
    await writeFile(file + suffix, packed); // written after the original: newer
    written++;
  }
  return written;
}

/**
 * Every file under `dir` that wants siblings gets them; returns the count
 * written.
 *
 * @exercise
 * @hint nudge: walk the tree first, then compress a few files at a time.
 * @hint concept: readdir with recursive and withFileTypes lists every entry;
 *   keep regular files that wantsSiblings; libuv's thread pool runs four
 *   compressions at once, so batches of four keep it busy without queueing
 *   the whole site.
 * @hint solution: collect path.join(entry.parentPath, entry.name) of files
 *   whose stat size passes wantsSiblings; then for batches of four,
 *   Promise.all(writeSiblings) and add up the counts.
 */
export async function precompressTree(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (wantsSiblings(file, (await stat(file)).size)) files.push(file);
  }
  let written = 0;
  // A few at a time: the thread pool has four threads.
  for (let i = 0; i < files.length; i += 4) {
    const counts = await Promise.all(files.slice(i, i + 4).map(writeSiblings));
    written += counts.reduce((a, b) => a + b, 0);
  }
  return written;
}
