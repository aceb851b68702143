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
 * @hint nudge: '%E9' alone is not valid UTF-8, and decodeURIComponent says so
 *   by throwing.
 * @hint concept: decode the segment exactly once (RFC 3986 §2.1); a malformed
 *   escape is a reason to refuse the request, not to crash.
 * @hint solution: return decodeURIComponent(raw) inside try; in catch return
 *   undefined.
 */
function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/**
 * Turns request.path into root-relative segments, or says why not.
 * `query` is request.query, kept for a redirect that adds a "/".
 * Decodes each segment once (so "%252e" stays the literal name "%2e"),
 * then checks the decoded text, which is what the file system will see.
 *
 * @exercise
 * @hint nudge: split on "/" first, decode each piece second; check after
 *   decoding.
 * @hint concept: "%2e%2e" decodes to ".." and "%2f" to "/"; a decoded segment
 *   must not be ".", "..", or contain "/", "\\" or NUL. decodeURIComponent
 *   throws on bad escapes.
 * @hint solution: reject a path not starting with "/", then for each raw
 *   segment of path.slice(1).split("/"): decodeSegment; reject empty (except
 *   the last), "." / "..", "\0", "/", "\\"; directory = path.endsWith("/").
 */
export function decodeRequestPath(path: string, query = ""): PathDecision {
  if (!path.startsWith("/"))
    return reject("not-origin-form", "target must be an absolute path");
  const raws = path.slice(1).split("/");
  const directory = raws.at(-1) === "";
  if (directory) raws.pop();
  const segments: string[] = [];
  for (const raw of raws) {
    if (raw.includes("\\")) return reject("backslash", "backslash in path");
    const segment = decodeSegment(raw);
    if (segment === undefined)
      return reject("bad-percent-encoding", "malformed %-escape");
    if (segment === "") return reject("empty-segment", "empty path segment");
    if (segment === "." || segment === "..")
      return reject("dot-segment", "dot segment");
    if (segment.includes("\0")) return reject("nul-byte", "NUL in path");
    if (segment.includes("/"))
      return reject("encoded-separator", "encoded slash");
    if (segment.includes("\\"))
      return reject("encoded-separator", "encoded backslash");
    segments.push(segment);
  }
  const search = query === "" ? "" : `?${query}`;
  return { kind: "path", segments, directory, rawPath: path, query: search };
}
