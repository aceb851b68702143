/**
 * `Vary: Accept-Encoding` (RFC 9110 §12.5.5), merged into whatever Vary
 * the response already has.
 *
 * A cache stores responses by URL. If the same URL can come back gzip for
 * one client and plain for another, a cache that does not know this hands
 * the gzip bytes to a client that cannot read them. Vary names the request
 * fields that chose the representation, and RFC 9111 §4.1 makes caches
 * key on them. It belongs on every response that *could* have been
 * compressed, including the ones that were not: the plain copy must not be
 * served to a gzip client either (a waste), nor, worse, the other way.
 */
import { getHeaders, removeHeader } from "#ch02/header-list.ts";
import type { HeaderList } from "#ch03/message.ts";

/**
 * The headers with `field` added to Vary, as one line. Existing members
 * are kept in order; a member already present (in any case) is not
 * repeated; `Vary: *` already covers every field and is left alone.
 *
 * @exercise
 * @hint nudge: Vary is a comma-separated list that may arrive on several lines,
 *   in any case.
 * @hint concept: RFC 9110 §12.5.5: Vary is a list of field names
 *   (case-insensitive) or "*", which already covers every field; several Vary
 *   lines are one list (§5.3). So add the field only when neither "*" nor the
 *   field is there, and leave one line behind.
 * @hint solution: gather the members of every Vary line (split on commas,
 *   trimmed, empty ones dropped). A "*" or the field itself, compared
 *   case-insensitively: return the headers unchanged. Otherwise remove every
 *   Vary line and set one listing the old members and then the field.
 */
export function mergeVary(headers: HeaderList, field: string): HeaderList {
  const members = getHeaders(headers, "vary")
    .flatMap((v) => v.split(","))
    .map((m) => m.trim())
    .filter((m) => m !== "");
  const key = field.toLowerCase();
  if (members.some((m) => m === "*" || m.toLowerCase() === key)) return headers;
  const merged = [...members, field].join(", ");
  return [...removeHeader(headers, "vary"), ["vary", merged]];
}
