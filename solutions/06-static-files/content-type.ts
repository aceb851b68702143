/**
 * Which media type a file is sent as (RFC 9110 §8.3).
 *
 * The file system has no media types, only names. The mapping from
 * extension to type is data (the IANA registry plus common practice, about
 * 1,000 entries) and not the subject of this book, so it comes from the
 * mime-types package, which Express, Fastify and serve-static share.
 * What we decide ourselves is the policy around it: an unknown extension
 * is application/octet-stream ("just bytes", RFC 9110 §8.3), and text is
 * labelled UTF-8, because a text type without a charset lets the browser
 * guess, and guessing is how content sniffing attacks begin.
 */
import mime from "mime-types";

/** For files whose extension the table does not know (RFC 9110 §8.3). */
export const UNKNOWN_TYPE = "application/octet-stream";

/** Types that are text but not text/*: a charset parameter applies. */
const TEXT_LIKE: ReadonlySet<string> = new Set([
  "application/javascript",
  "application/json",
  "application/manifest+json",
  "application/xml",
  "image/svg+xml",
]);

/**
 * The Content-Type value for a file name: the registered type for its
 * extension, with "; charset=utf-8" for text, or application/octet-stream.
 *
 * @exercise
 * @hint nudge: mime.lookup(name) returns the type, or false when unknown.
 * @hint concept: text/* and a few application types (JSON, JavaScript, XML,
 *   SVG) are text; label them charset=utf-8. Unknown means
 *   application/octet-stream.
 * @hint solution: look the name up with mime-types; nothing found is the
 *   unknown type; a text/ type, or one in the TEXT_LIKE set, gets ';
 *   charset=utf-8' appended; anything else goes out as found.
 */
export function contentTypeFor(fileName: string): string {
  const type = mime.lookup(fileName);
  if (type === false) return UNKNOWN_TYPE;
  const text = type.startsWith("text/") || TEXT_LIKE.has(type);
  return text ? `${type}; charset=utf-8` : type;
}
