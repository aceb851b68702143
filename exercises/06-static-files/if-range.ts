// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function ifRangeHolds(
  value: string,
  current: FileValidators,
  nowMs: number,
): boolean {
  throw new NotImplemented({
    chapter: "06",
    name: "ifRangeHolds",
    file: "exercises/06-static-files/if-range.ts",
    hint: "the value is either an entity-tag (starts with a quote or W/) or an HTTP-date.",
  });
}
