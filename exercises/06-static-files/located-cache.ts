/**
 * Where recently served files are, by request-target: the disk is asked
 * at most once per revalidateAfterMs per target.
 *
 * Serving a cached 4 KiB file still cost two trips through libuv's thread
 * pool per request: realpath (confinement, confine-to-root.ts) and stat
 * (locate-file.ts). Those trips, not the bytes, were the price of a small
 * file: they left us below node:http's createReadStream. This cache holds
 * what locateFile found for a target, for as long as the small-file cache
 * trusts its bytes, so a hot file costs no system call at all; after that
 * the next request locates it again, and a changed or vanished file is
 * seen within the same bound (nginx's open_file_cache_valid does the same).
 *
 * Only files are remembered: a miss, a redirect or a listing is looked up
 * every time, so nobody can fill the cache with paths that do not exist.
 */
import type { Located } from "./locate-file.ts";

/** Targets remembered; when full, the cache starts over (one Map.clear). */
export const LOCATED_CACHE_ENTRIES = 4096;

/** A file found, and when its stats were taken. */
export type FoundFile = Located & {
  readonly kind: "file";
  readonly statsAt: number;
};

export class LocatedCache {
  readonly #entries = new Map<string, FoundFile>();
  readonly #revalidateAfterMs: number;
  readonly #maxEntries: number;

  constructor(revalidateAfterMs: number, maxEntries = LOCATED_CACHE_ENTRIES) {
    this.#revalidateAfterMs = revalidateAfterMs;
    this.#maxEntries = maxEntries;
  }

  /** The file found for `target` less than revalidateAfterMs ago. */
  get(target: string, now: number): FoundFile | undefined {
    const entry = this.#entries.get(target);
    if (entry === undefined) return undefined;
    if (now - entry.statsAt < this.#revalidateAfterMs) return entry;
    this.#entries.delete(target);
    return undefined;
  }

  set(target: string, located: FoundFile): void {
    if (this.#entries.size >= this.#maxEntries) this.#entries.clear();
    this.#entries.set(target, located);
  }
}
