/**
 * The knobs of the static file handler, each a named default.
 *
 * Every limit here bounds what one request can cost the server: how many
 * byte ranges it may ask for, how big a read is, how much memory the
 * small-file cache may hold. Operators change them through StaticOptions;
 * the defaults are what the book's server ships with.
 */
import type { Stats } from "node:fs";
import type { HeaderList, HttpRequest } from "#ch03/message.ts";
import { LOCATED_CACHE_ENTRIES } from "./located-cache.ts";

/**
 * Most range-specs one Range header may carry before we ignore it and send
 * the whole file (RFC 9110 §14.2 lets a server ignore such requests). Real
 * clients (video players, PDF viewers, download resumers) ask for one or a
 * handful; thousands of tiny ranges were the "Apache Killer" attack
 * (CVE-2011-3192). Apache's MaxRanges defaults to 200; we are stricter.
 */
export const MAX_RANGES = 16;

/**
 * Ranges closer than this many bytes are merged into one part: a part
 * header costs about 80 bytes, so sending the gap is cheaper than framing
 * a new part (RFC 9110 §14.2 allows coalescing "regardless of order").
 */
export const RANGE_COALESCE_GAP = 80;

/**
 * Bytes read from the file per chunk of the response body. 64 KiB matches
 * the default socket buffer on Linux and Node's own fs stream for files;
 * the bench in tools/bench/scenarios/static-files.ts compares sizes.
 */
export const READ_CHUNK_SIZE = 64 * 1024;

/**
 * Files at most this big are served from memory (the small-file cache),
 * larger ones streamed from disk. Node has no sendfile(2): a streamed
 * file is copied twice per request (page cache to buffer, buffer to
 * socket) with a trip through the thread pool per chunk and a megabyte
 * of garbage per megabyte sent, where a held one is copied once, into
 * the socket. 1 MiB covers the book's largest pages (about 900 KB of
 * HTML). Jetty's DefaultServlet keeps files in memory the same way, with
 * larger defaults (maxCachedFileSize 128 MiB, revalidated every
 * cacheValidationTime, 1000 ms).
 */
export const SMALL_FILE_MAX = 1024 * 1024;

/**
 * Total bytes the small-file cache may hold, least recently used evicted
 * first; reads into the cache in progress count against it too, so a
 * burst of cold files cannot hold more (small-file-cache.ts, CacheFills).
 */
export const SMALL_FILE_BUDGET = 64 * 1024 * 1024;

/**
 * How long a cached file is trusted before we stat it again. One second
 * matches the resolution of Last-Modified (an HTTP-date has no fraction),
 * and is nginx's open_file_cache_valid order of magnitude.
 */
export const REVALIDATE_AFTER_MS = 1000;

/** Most entries listed; a directory of a million files is not a page. */
export const MAX_LISTING_ENTRIES = 1000;

/** Files tried, in order, when a directory is requested. */
export const INDEX_FILES: readonly string[] = ["index.html"];

/** What to do with a dotfile or dot-directory such as .env or .git. */
export type DotfilePolicy = "hide" | "allow";

/**
 * What to do with a symbolic link under the root. "refuse" treats any link
 * as missing; "inside-root" follows links whose target stays inside the
 * root. Links that leave the root are refused either way.
 */
export type SymlinkPolicy = "refuse" | "inside-root";

/**
 * Another file to send for a located one: a representation of the same
 * resource, e.g. `app.js.br` for `app.js` (chapter 08). Its bytes are
 * served with the original's Content-Type, plus `headers` (such as
 * Content-Encoding and Vary), and validators from its own stat.
 */
export interface FileVariant {
  readonly file: string;
  readonly stats: Stats;
  readonly headers: HeaderList;
}

/**
 * The seam for representations: given the request and the located file,
 * a variant to send instead, or undefined for the file itself. Called
 * only for GET and HEAD of a regular file, after confinement, so the
 * chooser sees a path already inside the root. A chooser that knows at
 * once (no Accept-Encoding: the file itself) answers without a promise,
 * so a hot file is served without one.
 */
export type VariantChooser = (
  request: HttpRequest,
  file: string,
  stats: Stats,
) => FileVariant | undefined | Promise<FileVariant | undefined>;

export interface StaticOptions {
  /**
   * Serve a variant of a file instead (chapter 08's precompressed siblings).
   */
  readonly variant?: VariantChooser;
  readonly indexFiles?: readonly string[];
  /** Serve an HTML listing for directories without an index. Default off. */
  readonly listDirectories?: boolean;
  readonly maxListingEntries?: number;
  readonly dotfiles?: DotfilePolicy;
  readonly symlinks?: SymlinkPolicy;
  readonly maxRanges?: number;
  readonly coalesceGap?: number;
  readonly readChunkSize?: number;
  /** Include the inode in the ETag (see validators.ts). Default true. */
  readonly etagInode?: boolean;
  /** Small-file cache, and the located cache with it; `false`: both off. */
  readonly cache?:
    | false
    | {
        readonly maxFileSize?: number;
        readonly budget?: number;
        /** Request-targets remembered (located-cache.ts). */
        readonly locatedEntries?: number;
      };
  readonly revalidateAfterMs?: number;
  /** Clock, for tests: milliseconds since the epoch. */
  readonly now?: () => number;
}

/** Options with every default filled in. */
export type ResolvedStaticOptions = Required<
  Omit<StaticOptions, "cache" | "variant">
> & {
  readonly cache:
    | false
    | {
        readonly maxFileSize: number;
        readonly budget: number;
        readonly locatedEntries: number;
      };
  readonly variant: VariantChooser | undefined;
};

export function resolveOptions(
  options: StaticOptions = {},
): ResolvedStaticOptions {
  const cache =
    options.cache === false
      ? false
      : {
          maxFileSize: options.cache?.maxFileSize ?? SMALL_FILE_MAX,
          budget: options.cache?.budget ?? SMALL_FILE_BUDGET,
          locatedEntries:
            options.cache?.locatedEntries ?? LOCATED_CACHE_ENTRIES,
        };
  return {
    indexFiles: options.indexFiles ?? INDEX_FILES,
    listDirectories: options.listDirectories ?? false,
    maxListingEntries: options.maxListingEntries ?? MAX_LISTING_ENTRIES,
    dotfiles: options.dotfiles ?? "hide",
    symlinks: options.symlinks ?? "refuse",
    maxRanges: options.maxRanges ?? MAX_RANGES,
    coalesceGap: options.coalesceGap ?? RANGE_COALESCE_GAP,
    readChunkSize: options.readChunkSize ?? READ_CHUNK_SIZE,
    etagInode: options.etagInode ?? true,
    cache,
    revalidateAfterMs: options.revalidateAfterMs ?? REVALIDATE_AFTER_MS,
    now: options.now ?? Date.now,
    variant: options.variant,
  };
}
