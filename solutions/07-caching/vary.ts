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
 * @hint nudge: the key must change whenever any nominated field's value
 *   changes.
 * @hint concept: RFC 9111 §4.1: a stored response matches only when the fields
 *   its Vary names match the new request's, after normalisation such as
 *   combining a field's lines and dropping whitespace around list commas (RFC
 *   9110 §5.3). An absent field is different from an empty one.
 * @hint solution: map each nominated name to either null (no lines) or its
 *   lines joined by commas with every element trimmed and joined again;
 *   serialise the array (JSON keeps null and "" apart).
 */
export function varyKey(
  fields: readonly string[],
  headers: HeaderList,
): string {
  const values = fields.map((field) => {
    const lines = getHeaders(headers, field);
    if (lines.length === 0) return null;
    return lines
      .join(",")
      .split(",")
      .map((s) => s.trim())
      .join(",");
  });
  return JSON.stringify(values);
}
