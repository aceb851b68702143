// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Entity-tags: the opaque validators a server attaches to a representation
 * so a client can later ask "has it changed?" (RFC 9110 §8.8.3).
 *
 *     ETag: "xyzzy"        strong: byte-for-byte identical when equal
 *     ETag: W/"xyzzy"      weak: equivalent for the purpose, maybe not bytes
 *
 * This file parses one tag, formats it, and compares two of them the two
 * ways §8.8.3.2 defines. Lists of tags (If-Match, If-None-Match) are in
 * entity-tag-list.ts.
 */
import { NotImplemented } from "#course/not-implemented.ts";

/** One entity-tag. `opaque` is the text between the quotes. */
export interface EntityTag {
  readonly weak: boolean;
  readonly opaque: string;
}

/** How two tags are compared (RFC 9110 §8.8.3.2). */
export type Comparison = "strong" | "weak";

/**
 * True for an etagc octet: %x21 / %x23-7E / obs-text (RFC 9110 §8.8.3).
 * Everything visible except DQUOTE; no spaces, no controls.
 */
export function isEtagChar(code: number): boolean {
  return (
    code === 0x21 ||
    (code >= 0x23 && code <= 0x7e) ||
    (code >= 0x80 && code <= 0xff)
  );
}

/**
 * Reads one entity-tag starting at `from`. Returns the tag and the index
 * just after its closing quote, or undefined when the bytes there are not
 * `[ W/ ] DQUOTE *etagc DQUOTE`.
 *
 * @exercise
 */
export function readEntityTag(
  text: string,
  from: number,
): { readonly tag: EntityTag; readonly end: number } | undefined {
  throw new NotImplemented({
    chapter: "07",
    name: "readEntityTag",
    file: "exercises/07-caching/entity-tag.ts",
    hint: "an entity-tag is an optional W/, then an opaque part in double quotes.",
  });
}

/** Parses a whole ETag field value: exactly one tag, nothing else. */
export function parseEntityTag(value: string): EntityTag | undefined {
  const text = value.trim();
  const read = readEntityTag(text, 0);
  return read !== undefined && read.end === text.length ? read.tag : undefined;
}

/** The tag as it appears on the wire: `"v1"` or `W/"v1"`. */
export function formatEntityTag(tag: EntityTag): string {
  return `${tag.weak ? "W/" : ""}"${tag.opaque}"`;
}

/**
 * Compares two entity-tags (RFC 9110 §8.8.3.2). Strong comparison: both
 * tags are strong and their opaque parts are identical. Weak comparison:
 * the opaque parts are identical, whichever tag is weak. If-Match uses
 * strong comparison (it guards writes, where bytes matter); If-None-Match
 * uses weak (it guards re-downloads, where "equivalent" is enough).
 *
 * @exercise
 */
export function entityTagsMatch(
  a: EntityTag,
  b: EntityTag,
  comparison: Comparison,
): boolean {
  throw new NotImplemented({
    chapter: "07",
    name: "entityTagsMatch",
    file: "exercises/07-caching/entity-tag.ts",
    hint: "`W/\"1\"` and `W/\"1\"` are weakly equal but not strongly equal.",
  });
}
