/**
 * What a failing interop check teaches: the RFC rule, where the book
 * explains it, and a curl line that shows the same exchange by hand.
 * Messages show the headers the browser actually received, so a reader
 * sees the server's mistake without opening DevTools.
 */
import type { Lesson } from "#testing/wire.ts";

/** Render headers one per line, as they would appear on the wire. */
export function showHeaders(headers: Readonly<Record<string, string>>): string {
  const lines = Object.entries(headers).map(([k, v]) => `      ${k}: ${v}`);
  return lines.length > 0 ? lines.join("\n") : "      (no headers)";
}

/** A response as a failure message shows it: status, URL, headers. */
export function showResponse(
  what: string,
  status: number | undefined,
  url: string,
  headers: Readonly<Record<string, string>>,
): string {
  return `${what}\n    ${status ?? "(no status)"} ${url}\n${showHeaders(headers)}`;
}

/** True when a comma-separated field value lists `token` (any case). */
export function listsToken(value: string | undefined, token: string): boolean {
  if (value === undefined) return false;
  const wanted = token.toLowerCase();
  return value.split(",").some((t) => t.trim().toLowerCase() === wanted);
}

export const NO_FAILURES: Lesson = {
  rule:
    "a page the server serves must load whole: every request answered " +
    "2xx or 304, none refused, reset or left hanging (RFC 9110 §15)",
  book: "chapters/06-static-files.md#routes-first-files-second",
};

export const CONTENT_CODING: Lesson = {
  rule:
    "RFC 9110 §12.5.3: Chromium sends Accept-Encoding: gzip, deflate, br, " +
    "zstd; text over the threshold must come back br or gzip, labelled " +
    "with Content-Encoding (§8.4)",
  book: "chapters/08-compression.md#negotiation-with-q-values",
  curl: "curl -s --compressed -D - -o /dev/null http://127.0.0.1:PORT/",
};

export const VARY: Lesson = {
  rule:
    "RFC 9110 §12.5.5: a response chosen by Accept-Encoding must say so " +
    "with Vary: Accept-Encoding, or a cache hands br to a client that " +
    "cannot read it; §15.4.5 and §15.3.7 carry Vary onto 304 and 206",
  book: "chapters/08-compression.md#vary-and-caches",
  curl: "curl -s -H 'Accept-Encoding: br' -D - -o /dev/null http://127.0.0.1:PORT/",
};

export const REVALIDATE: Lesson = {
  rule:
    "RFC 9111 §5.2.2.4: no-cache means the browser must ask before reusing " +
    "a page; it asks with If-None-Match (RFC 9110 §13.1.1) or " +
    "If-Modified-Since (§13.1.3) and a current copy earns 304 (§15.4.5)",
  book: "chapters/07-caching.md#validators",
  curl: "curl -si -H 'If-None-Match: \"<etag>\"' http://127.0.0.1:PORT/chapters/",
};

export const IMMUTABLE: Lesson = {
  rule:
    "RFC 8246 §2: an immutable, fresh response (RFC 9111 §4.2) is reused " +
    "without asking, even on reload: content-hashed /assets/* cost no request",
  book: "chapters/07-caching.md#cache-control",
};

export const RANGE: Lesson = {
  rule:
    "RFC 9110 §14.2: Range: bytes=0-99 asks for the first 100 bytes; the " +
    "answer is 206 with Content-Range: bytes 0-99/<length> (§14.4, §15.3.7)",
  book: "chapters/06-static-files.md#one-range-206-partial-content",
  curl: "curl -s -r 0-99 -D - -o /dev/null http://127.0.0.1:PORT/assets/<file>",
};

export const RENDERED: Lesson = {
  rule:
    "a browser decodes Content-Encoding before the page sees a byte; a " +
    "wrong coding, length or chunk framing shows up as a blank page",
  book: "chapters/08-compression.md#streaming-through-zlib",
};

export const RANGE_VARY: Lesson = {
  rule:
    "RFC 9110 §15.3.7: a 206 MUST carry the Vary (and ETag, Cache-Control, " +
    "Date) a 200 to the same request would carry; the 200 says Vary: " +
    "Accept-Encoding, so the 206 must too",
  book: "chapters/08-compression.md#vary-and-caches",
  curl: "curl -s -r 0-99 -H 'Accept-Encoding: identity' -D - -o /dev/null http://127.0.0.1:PORT/assets/<file>",
};
