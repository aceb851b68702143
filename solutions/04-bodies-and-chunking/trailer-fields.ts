/**
 * Which trailer fields a server may act on (RFC 9110 §6.5).
 *
 * Trailers arrive after the content, so they cannot change how the
 * content was framed, routed, authenticated or interpreted: "Many fields
 * cannot be processed outside the header section because their evaluation
 * is necessary prior to receiving the content" (§6.5.1). A recipient
 * "MUST NOT merge a trailer field into a header section unless ... its
 * definition explicitly permits" it (§6.5.2). We keep trailers apart from
 * the headers and drop outright the fields that could only do harm there.
 */
import type { HeaderList } from "#ch03/message.ts";

/**
 * Fields never accepted as trailers: framing (content-length,
 * transfer-encoding, trailer, te), routing (host), request modifiers
 * (expect, max-forwards, range), controls (cache-control, pragma,
 * connection, keep-alive, proxy-connection), authentication, and content
 * format (content-type, content-encoding, content-range). The same list
 * as Go's net/http (badTrailer), so our peers agree with us.
 */
export const PROHIBITED_TRAILERS: ReadonlySet<string> = new Set([
  "authorization",
  "cache-control",
  "connection",
  "content-encoding",
  "content-length",
  "content-range",
  "content-type",
  "expect",
  "host",
  "keep-alive",
  "max-forwards",
  "pragma",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "range",
  "realm",
  "te",
  "trailer",
  "transfer-encoding",
  "www-authenticate",
]);

/**
 * The trailer fields a handler may see: every field whose (lowercased)
 * name is not prohibited, in order.
 *
 * @exercise
 * @hint nudge: a Content-Length in the trailers must not reach the handler, but
 *   a checksum field should.
 * @hint concept: RFC 9110 §6.5.1: many fields cannot be processed after the
 *   content (framing, routing, authentication, request modifiers, content
 *   format), so a trailer carrying one is dropped, never merged into the header
 *   section. PROHIBITED_TRAILERS lists them; names here are lowercase.
 * @hint solution: one filter over the list, on the name of each pair.
 */
export function filterTrailers(fields: HeaderList): HeaderList {
  return fields.filter(([name]) => !PROHIBITED_TRAILERS.has(name));
}
