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

  /** After a stat: keep the entry if the file is unchanged, drop it if not. */
  revalidate(
    file: string,
    stats: FileIdentity,
    now: number,
  ): CachedFile | undefined {
    const entry = this.#entries.get(file);
    if (!entry) return undefined;
    if (!sameFile(entry.identity, stats)) {
      this.#delete(file, entry);
      return undefined;
    }
    entry.checkedAt = now;
    this.#touch(file, entry);
    return entry;
  }

  /** Whether a file of this size and type is worth keeping. */
  admits(stats: Pick<Stats, "size" | "isFile">): boolean {
    return stats.isFile() && stats.size <= this.#limits.maxFileSize;
  }

  store(
    file: string,
    identity: FileIdentity,
    bytes: Uint8Array,
    now: number,
  ): void {
    if (
      bytes.length > this.#limits.maxFileSize ||
      bytes.length !== identity.size
    )
      return;
    const old = this.#entries.get(file);
    if (old) this.#delete(file, old);
    const { size, mtimeMs, ino } = identity;
    this.#entries.set(file, {
      identity: { size, mtimeMs, ino },
      bytes,
      checkedAt: now,
    });
    this.#bytes += bytes.length;
    for (const [key, entry] of this.#entries) {
      if (this.#bytes <= this.#limits.budget) break;
      this.#delete(key, entry);
    }
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
