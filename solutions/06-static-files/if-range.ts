/**
 * If-Range (RFC 9110 §13.1.5): "send me these ranges if the file is still
 * the one I have; otherwise send me all of it".
 *
 * A download resumer holds the first half of a file and its validator.
 * Without If-Range it would need two round trips (a conditional request,
 * then the range); with it, one: the server sends 206 if the validator
 * still matches, 200 with the whole new file if not. Getting this wrong is
 * how a resumed download ends up half old file, half new.
 */
import { parseHttpDate } from "./http-date.ts";
import type { FileValidators } from "./validators.ts";

/**
 * RFC 9110 §8.8.2.2: a Last-Modified is only a strong validator when the
 * file was modified at least one second before the response is generated;
 * within the same second, a second change could share the timestamp.
 */
export const STRONG_DATE_MARGIN_MS = 1000;

/**
 * True when the Range request should be honoured. An entity-tag must match
 * with the strong comparison (§8.8.3.2): both tags strong and identical, so
 * a weak tag (W/"...") never matches. An HTTP-date must equal the file's
 * Last-Modified exactly, and that date must itself be strong. Anything
 * unparseable is false: the client gets the whole file, never wrong bytes.
 *
 * @exercise
 * @hint nudge: the value is either an entity-tag (starts with a quote or W/) or
 *   an HTTP-date.
 * @hint concept: a tag matches only strongly (no W/, same bytes as our ETag). A
 *   date matches only if it equals Last-Modified to the second and the file is
 *   at least a second older than now.
 * @hint solution: an entity-tag (starts with a quote) must equal the current
 *   strong ETag exactly; a weak tag never holds; anything else must parse as an
 *   HTTP-date equal to the modification time truncated to whole seconds, and
 *   that time must be at least the margin in the past (only then is it a strong
 *   validator).
 */
export function ifRangeHolds(
  value: string,
  current: FileValidators,
  nowMs: number,
): boolean {
  if (value.startsWith('"')) return value === current.etag;
  if (value.startsWith("W/")) return false;
  const date = parseHttpDate(value, nowMs);
  if (date === undefined) return false;
  const lastModified = Math.floor(current.modifiedMs / 1000) * 1000;
  return (
    date === lastModified && nowMs - current.modifiedMs >= STRONG_DATE_MARGIN_MS
  );
}
