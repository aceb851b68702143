/**
 * The field values of If-Match and If-None-Match (RFC 9110 §13.1.1,
 * §13.1.2): either `*` or a comma-separated list of entity-tags.
 *
 *     If-None-Match: "v1", W/"v0"
 *     If-Match: *
 *
 * A malformed list is reported, not guessed at: an unquoted tag (a common
 * client bug) could otherwise silently turn an If-Match guard into "no
 * guard at all".
 */
import { type EntityTag, readEntityTag } from "./entity-tag.ts";

export type EntityTagList =
  | { readonly kind: "any" }
  | { readonly kind: "tags"; readonly tags: readonly EntityTag[] }
  | { readonly kind: "invalid"; readonly at: number };

/** OWS = *( SP / HTAB ) (RFC 9110 §5.6.3). */
const isOws = (c: string | undefined): boolean => c === " " || c === "\t";

/**
 * Parses `"*" / #entity-tag`. Empty list elements (`"a", , "b"`) are
 * accepted as RFC 9110 §5.6.1 asks of recipients; an empty value is
 * invalid because `#entity-tag` here must carry at least one member.
 *
 * @exercise
 * @hint nudge: If-None-Match holds either '*' or a comma-separated list of
 *   tags, and an empty element is not an error.
 * @hint concept: '*' alone is any. Otherwise loop: skip OWS and commas (RFC
 *   9110 §5.6.1 empty elements), stop at the end, read a tag (failure: invalid
 *   at that offset), skip OWS, and require a comma or the end. A list with no
 *   tags at all is invalid.
 * @hint solution: same loop shape as parseCacheControl: an index, two skip
 *   loops around readEntityTag, and a final check on the number of tags.
 */
export function parseEntityTagList(value: string): EntityTagList {
  if (value.trim() === "*") return { kind: "any" };
  const tags: EntityTag[] = [];
  let i = 0;
  for (;;) {
    while (isOws(value[i]) || value[i] === ",") i++;
    if (i >= value.length) break;
    const read = readEntityTag(value, i);
    if (read === undefined) return { kind: "invalid", at: i };
    tags.push(read.tag);
    i = read.end;
    while (isOws(value[i])) i++;
    if (i < value.length && value[i] !== ",") return { kind: "invalid", at: i };
  }
  return tags.length === 0
    ? { kind: "invalid", at: 0 }
    : { kind: "tags", tags };
}
