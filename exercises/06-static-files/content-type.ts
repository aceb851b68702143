// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function contentTypeFor(fileName: string): string {
  throw new NotImplemented({
    chapter: "06",
    name: "contentTypeFor",
    file: "exercises/06-static-files/content-type.ts",
    hint: "mime.lookup(name) returns the type, or false when unknown.",
  });
}
