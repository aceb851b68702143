// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Small files kept in memory, revalidated by stat at most once per second.
 *
 * For a 4 KiB file the cost of a request is not the bytes but the system
 * calls around them: stat, open, read, close, each a trip through libuv's
 * thread pool. Node has no sendfile(2) to hand the copy to the kernel, so
 * the next best thing for small, hot files (the book's pages, CSS, icons)
 * is not to touch the disk at all.
 *
 * Staleness is bounded, not zero: an entry younger than revalidateAfterMs
 * is served without looking at the disk; an older one is checked with one
 * stat, and kept only if size, mtime and inode are unchanged. fs.watch
 * would notice changes sooner but has sharp edges (inotify watch limits,
 * silence on network file systems, recursive watching on Linux emulated
 * one directory at a time), so a time bound is the dependable choice;
 * nginx's open_file_cache makes the same one.
 */
import type { Stats } from "node:fs";
import type { FileIdentity } from "./validators.ts";
import { NotImplemented } from "#course/not-implemented.ts";

export interface CachedFile {
  readonly identity: FileIdentity;
  readonly bytes: Uint8Array;
}

interface Entry extends CachedFile {
  checkedAt: number;
}

export interface SmallFileCacheLimits {
  /** Largest file kept (SMALL_FILE_MAX). */
  readonly maxFileSize: number;
  /** Total bytes kept (SMALL_FILE_BUDGET). */
  readonly budget: number;
  /** Trust an entry this long before stat-ing again (REVALIDATE_AFTER_MS). */
  readonly revalidateAfterMs: number;
}

const sameFile = (a: FileIdentity, b: FileIdentity): boolean =>
  a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;

export class SmallFileCache {
  readonly #limits: SmallFileCacheLimits;
  /** Map iteration order is insertion order: the first key is least recent. */
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;

  constructor(limits: SmallFileCacheLimits) {
    this.#limits = limits;
  }

  /** Bytes currently held; for tests and metrics. */
  get size(): number {
    return this.#bytes;
  }

  /** An entry checked recently enough to serve without touching the disk. */
  fresh(file: string, now: number): CachedFile | undefined {
    const entry = this.#entries.get(file);
    if (!entry || now - entry.checkedAt >= this.#limits.revalidateAfterMs)
      return undefined;
    this.#touch(file, entry);
    return entry;
  }

  /**
   * After a stat: keep the entry if the file is unchanged, drop it if not.
   *
   * @exercise
   */
  revalidate(
    file: string,
    stats: FileIdentity,
    now: number,
  ): CachedFile | undefined {
    throw new NotImplemented({
      chapter: "06",
      name: "SmallFileCache.revalidate",
      file: "exercises/06-static-files/small-file-cache.ts",
      hint: "an old entry is either confirmed by the disk or thrown away; there is no third answer.",
    });
  }

  /** Whether a file of this size and type is worth keeping. */
  admits(stats: Pick<Stats, "size" | "isFile">): boolean {
    return stats.isFile() && stats.size <= this.#limits.maxFileSize;
  }

  /**
   * Keeps a file's bytes, evicting the least recently used past the budget.
   *
   * @exercise
   */
  store(
    file: string,
    identity: FileIdentity,
    bytes: Uint8Array,
    now: number,
  ): void {
    throw new NotImplemented({
      chapter: "06",
      name: "SmallFileCache.store",
      file: "exercises/06-static-files/small-file-cache.ts",
      hint: "refuse what must not be kept, replace what is there, then make room.",
    });
  }

  #touch(file: string, entry: Entry): void {
    this.#entries.delete(file);
    this.#entries.set(file, entry);
  }

  #delete(file: string, entry: Entry): void {
    this.#entries.delete(file);
    this.#bytes -= entry.bytes.length;
  }
}

/**
 * Reads into the cache in progress, bounded. A cold file asked for by a
 * hundred connections at once is read once, and they all wait for that
 * read; and the bytes being read for the cache, all files together, stay
 * within the cache's budget, so a burst of distinct cold files cannot
 * hold a megabyte per connection: past the budget a request streams from
 * disk instead, as a file too large for the cache does.
 */
export class CacheFills<T> {
  readonly #budget: number;
  readonly #pending = new Map<string, Promise<T>>();
  #bytes = 0;

  constructor(budget: number) {
    this.#budget = budget;
  }

  /** A fill of `file` is running, or one of `size` bytes fits now. */
  admit(file: string, size: number): boolean {
    return this.#pending.has(file) || this.#bytes + size <= this.#budget;
  }

  /**
   * The running fill of `file`, or `fill()` started and counted.
   *
   * @exercise
   */
  run(file: string, size: number, fill: () => Promise<T>): Promise<T> {
    throw new NotImplemented({
      chapter: "06",
      name: "CacheFills.run",
      file: "exercises/06-static-files/small-file-cache.ts",
      hint: "a second caller for the same file must get the first one's promise, and the bytes must be given back however the fill ends.",
    });
  }
}
