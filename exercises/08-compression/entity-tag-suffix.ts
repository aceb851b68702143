// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * One entity-tag per representation (RFC 9110 §8.8.3).
 *
 * A strong ETag promises that two responses with the same tag are the same
 * bytes. The gzip of a page and the page itself are different bytes, so
 * they must not share a strong tag: a client resuming a download with
 * Range and If-Range would otherwise splice gzip bytes onto plain ones.
 * The handler behind us tagged the identity representation; we derive the
 * coded one's tag by appending the coding, as Apache's mod_deflate does:
 *
 *     ETag: "5a1-17e3"        identity
 *     ETag: "5a1-17e3-gzip"   the same file, gzip-coded
 *     ETag: W/"v7-br"         weak tags stay weak
 *
 * Appending (rather than weakening, as nginx does) keeps If-Range and
 * strong comparison usable on the compressed bytes, and a different coding
 * or a changed file still yields a different tag.
 */
import { isEtagChar } from "#ch07/entity-tag.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * The tag of the `coding` representation of a response tagged `etag`.
 * Returns undefined when `etag` is not a well-formed entity-tag: better to
 * drop a validator than to publish a broken one.
 *
 * @exercise
 */
export function suffixEntityTag(
  etag: string,
  coding: string,
): string | undefined {
  throw new NotImplemented({
    chapter: "08",
    name: "suffixEntityTag",
    file: "exercises/08-compression/entity-tag-suffix.ts",
    hint: "the suffix goes inside the quotes, and a W/ prefix must survive.",
  });
}
