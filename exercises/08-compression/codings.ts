/**
 * The content codings this server can apply (RFC 9110 §8.4.1), and how
 * hard each one works.
 *
 *     coding    format               RFC        zlib stream
 *     br        Brotli               RFC 7932   createBrotliCompress
 *     gzip      gzip member          RFC 1952   createGzip
 *     deflate   zlib-wrapped DEFLATE RFC 1950   createDeflate
 *
 * "deflate" in HTTP means the zlib format (RFC 1950 wrapping RFC 1951),
 * not raw DEFLATE; some old clients got that wrong, which is one reason
 * nobody prefers it today.
 */
import zlib from "node:zlib";

const Z = zlib.constants;

/** A coding we can produce. `identity` is the absence of one. */
export type Coding = "br" | "gzip" | "deflate";

/**
 * Our preference among codings the client accepts equally (same q).
 * Brotli first: per request, quality 4 is as fast as gzip 6 and a little
 * smaller; ahead of time, quality 11 is about 20% smaller than gzip 9
 * (the measured table is in chapters/08-compression.md).
 * gzip before deflate: same algorithm, but gzip carries a CRC-32 and every
 * client implements it the same way.
 */
export const CODING_PREFERENCE: readonly Coding[] = ["br", "gzip", "deflate"];

/** How hard each coding works: zlib level 1–9, Brotli quality 0–11. */
export interface CompressionLevels {
  readonly gzip: number;
  readonly deflate: number;
  /** Brotli quality for responses made per request. */
  readonly br: number;
}

/**
 * Defaults for compressing on the fly. gzip 6 is zlib's own default and
 * what nginx and Apache ship; higher levels cost much more CPU for 1–2%.
 * Brotli 4 is about as fast as gzip 6 and still smaller; quality 11 is
 * hundreds of times slower and belongs to files compressed once, ahead
 * of time.
 */
export const DYNAMIC_LEVELS: CompressionLevels = { gzip: 6, deflate: 6, br: 4 };

/**
 * For precompressing static assets at build time, where only the size
 * matters: `brotli -q 11`, `gzip -9`.
 */
export const STATIC_LEVELS: CompressionLevels = { gzip: 9, deflate: 9, br: 11 };

/** The zlib stream that applies `coding` at the configured level. */
export function createEncoder(
  coding: Coding,
  levels: CompressionLevels,
  sizeHint?: number,
): zlib.Gzip | zlib.Deflate | zlib.BrotliCompress {
  switch (coding) {
    case "gzip":
      return zlib.createGzip({ level: levels.gzip });
    case "deflate":
      return zlib.createDeflate({ level: levels.deflate });
    case "br": {
      const params: Record<number, number> = {
        [Z.BROTLI_PARAM_QUALITY]: levels.br,
        [Z.BROTLI_PARAM_MODE]: Z.BROTLI_MODE_TEXT,
      };
      if (sizeHint !== undefined) params[Z.BROTLI_PARAM_SIZE_HINT] = sizeHint;
      return zlib.createBrotliCompress({ params });
    }
  }
}

/**
 * The flush that pushes out everything so far but keeps the dictionary,
 * so the rest of the body still compresses against what came before.
 * Careful: Node's default for zlib streams is Z_FULL_FLUSH, which resets
 * the dictionary; flushing a 1 MiB page that way every 64 KiB made gzip
 * 11% bigger in our measurement, against 0.5% with Z_SYNC_FLUSH.
 */
export function syncFlushKind(coding: Coding): number {
  return coding === "br" ? Z.BROTLI_OPERATION_FLUSH : Z.Z_SYNC_FLUSH;
}

/** True for a coding name this server can produce. */
export function isCoding(name: string): name is Coding {
  return (CODING_PREFERENCE as readonly string[]).includes(name);
}
