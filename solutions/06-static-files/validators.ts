/**
 * Validators for a file: a strong ETag and Last-Modified (RFC 9110 §8.8).
 *
 * Chapter 07 answers If-None-Match and If-Modified-Since for any response
 * that carries these fields; this chapter's job is to emit them, and to
 * evaluate If-Range, which belongs to Range processing (if-range.ts).
 *
 * The ETag is made from what stat(2) already told us, not from a hash of
 * the content: hashing would read every byte of a 4 GiB video before the
 * first one is sent. The price is that the tag is only as good as the
 * metadata. Size and modification time (to the microsecond) change on
 * almost every edit; the inode number changes when a deploy replaces the
 * file by rename, even when a copy tool preserved size and mtime. The inode
 * makes the tag differ between machines serving the same bytes, so a fleet
 * behind a load balancer should set etagInode: false (Apache dropped the
 * inode from its default FileETag for this reason; nginx never used it).
 */
import type { Stats } from "node:fs";
import { formatHttpDate } from "./http-date.ts";

/** What a response needs to know about the file it sends. */
export interface FileValidators {
  /** Strong entity-tag, quotes included (RFC 9110 §8.8.3). */
  readonly etag: string;
  /** Modification time, milliseconds since the epoch. */
  readonly modifiedMs: number;
}

/** The fields of Stats the validators use; a plain object in tests. */
export type FileIdentity = Pick<Stats, "size" | "mtimeMs" | "ino">;

/** A strong entity-tag: `"size-mtimeMicros[-ino]"` in base 36. */
export function strongEtag(stats: FileIdentity, withInode: boolean): string {
  const parts = [stats.size, Math.trunc(stats.mtimeMs * 1000)];
  if (withInode) parts.push(stats.ino);
  return `"${parts.map((p) => p.toString(36)).join("-")}"`;
}

export function validatorsFor(
  stats: FileIdentity,
  withInode: boolean,
): FileValidators {
  return { etag: strongEtag(stats, withInode), modifiedMs: stats.mtimeMs };
}

/**
 * The Last-Modified value. RFC 9110 §8.8.2.1: an origin server SHOULD NOT
 * send a Last-Modified later than its Date, so a file stamped in the
 * future (clock skew, a copied archive) is reported as modified now.
 */
export function lastModifiedValue(modifiedMs: number, nowMs: number): string {
  return formatHttpDate(Math.min(modifiedMs, nowMs));
}
