// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function parseEntityTagList(value: string): EntityTagList {
  throw new NotImplemented({
    chapter: "07",
    name: "parseEntityTagList",
    file: "exercises/07-caching/entity-tag-list.ts",
    hint: "If-None-Match holds either '*' or a comma-separated list of tags, and an empty element is not an error.",
  });
}
