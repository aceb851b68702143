// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * From the request's path to file path segments, refusing every trick on
 * the way.
 *
 *     "/docs/a%20b/"  →  { segments: ["docs", "a b"], directory: true }
 *
 * The connection has already taken the target apart (chapter 02's
 * splitTarget): request.path is the URI path with only unreserved
 * characters decoded, and the query is elsewhere. The file system wants a
 * path. Between the two sit percent-decoding (RFC 3986 §2.1) and dot
 * segments (RFC 3986 §3.3), and every classic traversal attack lives in
 * that gap. We decode each segment exactly once, then refuse anything that
 * could change which directory we are in: dot segments, encoded or raw
 * slashes and backslashes, NUL, empty segments. A conforming client removes
 * dot segments before sending (RFC 3986 §5.2.4; curl does unless told
 * --path-as-is), so a target that still has them is hand-made or hostile.
 */
import { NotImplemented } from "#course/not-implemented.ts";

export type PathDecision =
  | {
      readonly kind: "path";
      /** Decoded segments, each safe to join onto the root. */
      readonly segments: readonly string[];
      /** True when the path ended in "/": the client asked for a directory. */
      readonly directory: boolean;
      /** request.path (still percent-encoded), for redirects. */
      readonly rawPath: string;
      /** "?..." as received, or "". */
      readonly query: string;
    }
  | {
      readonly kind: "reject";
      readonly code: PathRejection;
      readonly reason: string;
    };

/** Why a target was refused; every one is answered 400 Bad Request. */
export type PathRejection =
  | "not-origin-form"
  | "bad-percent-encoding"
  | "dot-segment"
  | "encoded-separator"
  | "backslash"
  | "nul-byte"
  | "empty-segment";

const reject = (code: PathRejection, reason: string): PathDecision => ({
  kind: "reject",
  code,
  reason,
});

/**
 * Decode one segment; undefined when the escapes are not valid UTF-8.
 *
 * @exercise
 */
function decodeSegment(raw: string): string | undefined {
  throw new NotImplemented({
    chapter: "06",
    name: "decodeSegment",
    file: "exercises/06-static-files/request-path.ts",
    hint: "'%E9' alone is not valid UTF-8, and decodeURIComponent says so by throwing.",
  });
}

/**
 * Turns request.path into root-relative segments, or says why not.
 * `query` is request.query, kept for a redirect that adds a "/".
 * Decodes each segment once (so "%252e" stays the literal name "%2e"),
 * then checks the decoded text, which is what the file system will see.
 *
 * @exercise
 */
export function decodeRequestPath(path: string, query = ""): PathDecision {
  throw new NotImplemented({
    chapter: "06",
    name: "decodeRequestPath",
    file: "exercises/06-static-files/request-path.ts",
    hint: "split on \"/\" first, decode each piece second; check after decoding.",
  });
}
