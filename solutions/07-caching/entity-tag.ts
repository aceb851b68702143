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
 * @hint nudge: an entity-tag is an optional W/, then an opaque part in double
 *   quotes.
 * @hint concept: RFC 9110 §8.8.3: entity-tag = [ weak ] opaque-tag; weak =
 *   %s"W/" (case-sensitive: 'w/' is not weak); opaque-tag = DQUOTE *etagc
 *   DQUOTE. Read from the given offset and report where the tag ends, so a list
 *   parser can go on.
 * @hint solution: check startsWith('W/"', from); step past it; require a quote;
 *   scan etagc bytes (isEtagChar) to the closing quote; an unterminated tag or
 *   a bad byte is undefined; return the tag and the index after the closing
 *   quote.
 */
export function readEntityTag(
  text: string,
  from: number,
): { readonly tag: EntityTag; readonly end: number } | undefined {
  // %s"W/": the weak prefix is case-sensitive; "w/" is not a weak tag.
  const weak = text.startsWith('W/"', from);
  let i = weak ? from + 2 : from;
  if (text[i] !== '"') return undefined;
  const start = ++i;
  while (i < text.length && text[i] !== '"') {
    if (!isEtagChar(text.charCodeAt(i))) return undefined;
    i++;
  }
  if (i >= text.length) return undefined;
  return { tag: { weak, opaque: text.slice(start, i) }, end: i + 1 };
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
 * @hint nudge: `W/"1"` and `W/"1"` are weakly equal but not strongly equal.
 * @hint concept: RFC 9110 §8.8.3.2: strong comparison needs both tags strong
 *   and their opaque parts identical; weak comparison ignores the W/ prefix
 *   and compares the opaque parts only. If-Match uses strong, If-None-Match
 *   weak (§13.1.1, §13.1.2).
 * @hint solution: first decide whether the opaque parts are equal; for weak
 *   that is the answer, for strong also require that neither tag is weak.
 */
export function entityTagsMatch(
  a: EntityTag,
  b: EntityTag,
  comparison: Comparison,
): boolean {
  const same = a.opaque === b.opaque;
  if (comparison === "weak") return same;
  return same && !a.weak && !b.weak;
}
