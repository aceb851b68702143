// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Vary (RFC 9110 §12.5.5) and secondary cache keys (RFC 9111 §4.1): one
 * URI can have several stored responses, one per value of the request
 * fields the response says it depends on.
 *
 *     GET /api/hello                 Vary: Accept-Language
 *     Accept-Language: fr      ->    key  /api/hello + [accept-language=fr]
 */
import { getHeaders } from "#ch02/header-list.ts";
import type { HeaderList } from "#ch03/message.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/** The field names a response varies on, lowercased and sorted; or `*`. */
export function varyFields(headers: HeaderList): readonly string[] | "*" {
  const names = getHeaders(headers, "vary")
    .flatMap((v) => v.split(","))
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n !== "");
  if (names.includes("*")) return "*";
  return [...new Set(names)].sort();
}

/**
 * The secondary key for a request, given the fields a stored response
 * varies on. Two requests get the same key exactly when every nominated
 * field has the same value in both, after combining repeated lines and
 * normalizing whitespace around commas (RFC 9111 §4.1 allows that much).
 * A field absent from a request matches only a request where it is also
 * absent, so "absent" and "empty" must give different keys.
 *
 * @exercise
 */
export function varyKey(
  fields: readonly string[],
  headers: HeaderList,
): string {
  throw new NotImplemented({
    chapter: "07",
    name: "varyKey",
    file: "exercises/07-caching/vary.ts",
    hint: "the key must change whenever any nominated field's value changes.",
  });
}
