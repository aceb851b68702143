// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * The four forms of request-target (RFC 9112 §3.2), and the one place a
 * target is taken apart.
 *
 *     origin-form    = absolute-path [ "?" query ]        GET /where?q=now
 *     absolute-form  = absolute-URI                       GET http://a.example/
 *     authority-form = uri-host ":" port   (CONNECT only) CONNECT a.example:443
 *     asterisk-form  = "*"                 (OPTIONS only) OPTIONS *
 *
 * The form is decided by the method and the first byte, never guessed, and
 * the bytes are held to RFC 3986's character set plus the few that browsers
 * send raw (see TARGET_BYTES). A target with a raw space, quote, angle
 * bracket, control byte or non-ASCII byte is refused rather than "fixed":
 * two servers that fix it differently disagree about which resource was
 * asked for.
 *
 * splitTarget then cuts the target into authority, path and query once, for
 * every chapter after this one: the router, the file server and the cache
 * all start from the same `path`, so they cannot disagree about it.
 */
import { type Checked, fail, ok } from "./errors.ts";
import { isValidHost } from "./host-field.ts";
import { NotImplemented } from "#course/not-implemented.ts";

export type TargetForm = "origin" | "absolute" | "authority" | "asterisk";

/**
 * Bytes a target may hold raw. RFC 3986 allows unreserved, sub-delims,
 * ":", "@", "/" and "?" (§2, §3.3, §3.4), and "[" "]" around an IPv6
 * literal. Browsers also send `[ ] { } | ^` and the backtick raw, because
 * the WHATWG URL standard's percent-encode sets leave them alone (Chromium
 * visiting `/a|b?q={x}` sends exactly that). RFC 9112 §3.2 lets a server
 * be robust here, and none of these bytes can end the target, start a new
 * line or change where a path segment ends, so we accept them. The line
 * stays where a byte could be read two ways: controls, space, DEL, `"`,
 * `<`, `>`, `#` (a fragment is never sent) and every byte above 0x7E
 * (browsers percent-encode non-ASCII; raw, its encoding is a guess).
 */
const TARGET_BYTES: readonly boolean[] = Array.from(
  { length: 256 },
  (_, byte) =>
    /[A-Za-z0-9\-._~!$&'()*+,;=:@/?[\]{}|^`]/.test(String.fromCharCode(byte)),
);

/**
 * In the query only: the backslash, which browsers send raw there. In a
 * path it stays refused: browsers turn it into "/" before sending, and on a
 * Windows file system it would be a separator (chapter 06).
 */
const BACKSLASH = 0x5c;

/** HEXDIG, either case: 0-9, a-f, A-F. */
function isHex(byte: number): boolean {
  const lower = byte | 0x20;
  return (byte >= 0x30 && byte <= 0x39) || (lower >= 0x61 && lower <= 0x66);
}

/**
 * True when every byte of `text` from `from` may appear in a target (see
 * TARGET_BYTES) or is a well-formed percent-encoding ("%" HEXDIG HEXDIG).
 * After the first "?" (the query) a backslash is admitted too, and so is
 * a "%" without two hex digits after it (`?q=100%`): browsers send it raw
 * (the WHATWG URL parser keeps it, as a validation error), and nginx,
 * Apache and Go pass a query through unchecked. Nothing here decodes a
 * query; it reaches the handler raw, and URLSearchParams keeps a bare "%"
 * as it is. In a path it stays refused: the path is decoded
 * (normalizePath, chapter 05's segments), and `%zz` has no decoding that
 * every reader agrees on.
 *
 * @exercise
 */
export function isUriText(text: string, from = 0): boolean {
  throw new NotImplemented({
    chapter: "02",
    name: "isUriText",
    file: "exercises/02-request-parser/request-target.ts",
    hint: "one pass over the characters decides; three kinds of character need thought: \"%\", \"?\" and everything else.",
  });
}

/**
 * scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3986 §3.1),
 * followed by "//" and an authority. "example.com:80" is a well-formed
 * absolute-URI too (scheme "example.com", path "80"), which is exactly why
 * we insist on the "//": a server needs the authority to know the host
 * (RFC 9112 §3.2.2), and a target that reads two ways is refused.
 */
const SCHEME = /^[A-Za-z][A-Za-z0-9+\-.]*:\/\//;

/**
 * An absolute-form target names its host: `http://a.example:8080/x` or,
 * with an empty path, `http://a.example?x=1` (RFC 3986 §3.3 path-abempty).
 * The authority must be a valid, non-empty host with no userinfo: RFC 9110
 * §4.2.4 says a recipient SHOULD treat "user@" in an http URI as an error.
 */
function isAbsoluteForm(target: string): boolean {
  if (!SCHEME.test(target) || !isUriText(target)) return false;
  const start = target.indexOf("://") + 3;
  const authority = target.slice(start, authorityEnd(target, start));
  // RFC 9110 §4.2.1: a URI with an empty host MUST be rejected as invalid.
  return (
    authority !== "" && !authority.startsWith(":") && isValidHost(authority)
  );
}

/** Where the authority that starts at `start` ends: "/", "?" or the end. */
function authorityEnd(target: string, start: number): number {
  for (let i = start; i < target.length; i++) {
    const byte = target.charCodeAt(i);
    if (byte === 0x2f || byte === 0x3f) return i;
  }
  return target.length;
}

/** The answers, built once: classifying a target allocates nothing. */
const ORIGIN: Checked<TargetForm> = ok("origin");
const ABSOLUTE: Checked<TargetForm> = ok("absolute");
const AUTHORITY: Checked<TargetForm> = ok("authority");
const ASTERISK: Checked<TargetForm> = ok("asterisk");

/**
 * Decides which of the four forms `target` is in, given the method, and
 * checks its bytes. CONNECT must use authority-form and only CONNECT may;
 * "*" is only for OPTIONS (RFC 9112 §3.2.3, §3.2.4). Everything else is
 * origin-form when it starts with "/", absolute-form when it starts with a
 * scheme, and invalid otherwise.
 *
 * @exercise
 */
export function classifyTarget(
  method: string,
  target: string,
): Checked<TargetForm> {
  throw new NotImplemented({
    chapter: "02",
    name: "classifyTarget",
    file: "exercises/02-request-parser/request-target.ts",
    hint: "look at the method first (CONNECT, OPTIONS), then at the first byte of the target.",
  });
}

/** A target taken apart: what every later chapter reads. */
export interface TargetParts {
  /** absolute-form's or authority-form's host[:port]; "" otherwise. */
  readonly authority: string;
  /**
   * The path, normalised (normalizePath): "/" when absolute-form has none,
   * "*" for asterisk-form, "" for authority-form (HTTP/2's `:path` takes
   * the same values, RFC 9113 §8.3.1).
   */
  readonly path: string;
  /** The query as sent, without "?"; "" when there is none. */
  readonly query: string;
}

const ASTERISK_PARTS: TargetParts = { authority: "", path: "*", query: "" };

/**
 * Cuts a target of a known form into authority, path and query. Origin-form
 * without "%" or "?" (most requests) allocates nothing but the result.
 *
 * @exercise
 */
export function splitTarget(form: TargetForm, target: string): TargetParts {
  throw new NotImplemented({
    chapter: "02",
    name: "splitTarget",
    file: "exercises/02-request-parser/request-target.ts",
    hint: "each form has its own answer; only origin-form and absolute-form have a path and a query.",
  });
}

/**
 * Path and query of `target` from `from`; an empty path is "/".
 *
 * @exercise
 */
function pathAndQuery(
  target: string,
  from: number,
  authority: string,
): TargetParts {
  throw new NotImplemented({
    chapter: "02",
    name: "pathAndQuery",
    file: "exercises/02-request-parser/request-target.ts",
    hint: "one \"?\" splits the rest of the target in two, and a target may have no \"?\" at all.",
  });
}

/**
 * Unreserved characters (RFC 3986 §2.3): ALPHA / DIGIT / "-" / "." / "_" / "~".
 */
const UNRESERVED: readonly boolean[] = Array.from({ length: 128 }, (_, byte) =>
  /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte)),
);

const HEX_UPPER = "0123456789ABCDEF";

/**
 * The book's one percent-decoding rule for `path`: RFC 3986 §6.2.2's
 * normalisation, and nothing more. A percent-encoded unreserved character
 * is decoded (§6.2.2.2: `%61` is "a", so `/%61pi/x` is `/api/x`), and every
 * other percent-encoding stays, with its hex digits in upper case
 * (§6.2.2.1: `%2f` is `%2F`). Two spellings of one URI become one string,
 * so a route, a cache rule and a file path compare equal when the URIs are
 * equivalent. What stays encoded (`%2F`, `%20`, `%25`, non-ASCII) could
 * change a segment boundary or needs a charset: the router and the file
 * server decode those once, per segment, after splitting on "/".
 *
 * @exercise
 */
export function normalizePath(path: string): string {
  throw new NotImplemented({
    chapter: "02",
    name: "normalizePath",
    file: "exercises/02-request-parser/request-target.ts",
    hint: "most paths have no \"%\" at all; return those untouched.",
  });
}
