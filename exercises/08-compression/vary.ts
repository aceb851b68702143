// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * The headers with `field` added to Vary, as one line. Existing members
 * are kept in order; a member already present (in any case) is not
 * repeated; `Vary: *` already covers every field and is left alone.
 *
 * @exercise
 */
export function mergeVary(headers: HeaderList, field: string): HeaderList {
  throw new NotImplemented({
    chapter: "08",
    name: "mergeVary",
    file: "exercises/08-compression/vary.ts",
    hint: "Vary is a comma-separated list that may arrive on several lines, in any case.",
  });
}
