/**
 * Route patterns: the little language of `router.get("/users/:id", h)`.
 *
 * A pattern is split on `/` like a request path, and each piece is one of:
 *
 * - static: `users` matches exactly that (decoded) segment;
 * - param: `:id` matches any one non-empty segment and captures it;
 * - wildcard: `*` (or `*rest`) matches the rest of the path, last only.
 *
 * Patterns are written decoded: register `/café`, not `/caf%C3%A9`.
 */

export type PatternSegment =
  | { readonly kind: "static"; readonly value: string }
  | { readonly kind: "param"; readonly name: string }
  | { readonly kind: "wildcard"; readonly name: string };

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The params key a bare `*` captures under. */
export const WILDCARD_PARAM = "*";

/**
 * Parse a pattern; throws on a pattern no request could sensibly match.
 *
 * @exercise
 * @hint nudge: a pattern is a path: it starts with '/' and splits on '/'.
 * @hint concept: refuse a pattern without a leading '/'. Parse each piece; a
 *   wildcard anywhere but last, or a parameter name used twice, is a
 *   SyntaxError.
 * @hint solution: slice off the '/', split, map each piece with its index
 *   through parsePiece; check wildcard position against the last index; keep a
 *   Set of names for params and wildcards.
 */
export function parsePattern(pattern: string): readonly PatternSegment[] {
  if (!pattern.startsWith("/")) {
    throw new SyntaxError(`route pattern must start with "/": ${pattern}`);
  }
  const pieces = pattern.slice(1).split("/");
  const seen = new Set<string>();
  return pieces.map((piece, i): PatternSegment => {
    const segment = parsePiece(piece, pattern);
    if (segment.kind === "wildcard" && i !== pieces.length - 1) {
      throw new SyntaxError(`"*" must be the last segment: ${pattern}`);
    }
    if (segment.kind !== "static") {
      if (seen.has(segment.name)) {
        throw new SyntaxError(
          `duplicate parameter "${segment.name}": ${pattern}`,
        );
      }
      seen.add(segment.name);
    }
    return segment;
  });
}

/**
 * One piece of a pattern, between two slashes.
 *
 * @exercise
 * @hint nudge: the first character says what a piece is: ':' a parameter, '*' a
 *   wildcard, anything else a static segment.
 * @hint concept: a parameter needs a name that PARAM_NAME accepts; a wildcard
 *   may be bare (captured under WILDCARD_PARAM) or named; a static '.' or '..'
 *   could never match a request (they are refused in paths), so it is a mistake
 *   in the pattern. Throw SyntaxError naming the pattern.
 * @hint solution: a piece starting with ":" is a parameter and one with "*" a
 *   wildcard, each named by the rest, which PARAM_NAME must accept; "." and
 *   ".." are refused; any other piece is a static segment with itself as its
 *   value.
 */
function parsePiece(piece: string, pattern: string): PatternSegment {
  if (piece.startsWith(":")) {
    const name = piece.slice(1);
    if (!PARAM_NAME.test(name)) {
      throw new SyntaxError(`bad parameter name "${name}": ${pattern}`);
    }
    return { kind: "param", name };
  }
  if (piece.startsWith("*")) {
    const name = piece.slice(1);
    if (name !== "" && !PARAM_NAME.test(name)) {
      throw new SyntaxError(`bad wildcard name "${name}": ${pattern}`);
    }
    return { kind: "wildcard", name: name === "" ? WILDCARD_PARAM : name };
  }
  if (piece === "." || piece === "..") {
    throw new SyntaxError(`dot-segments never match a request: ${pattern}`);
  }
  return { kind: "static", value: piece };
}

/** The pattern as it was written, for messages. */
export function formatPattern(pattern: readonly PatternSegment[]): string {
  const pieces = pattern.map((s) =>
    s.kind === "static"
      ? s.value
      : s.kind === "param"
        ? `:${s.name}`
        : wildcardText(s.name),
  );
  return `/${pieces.join("/")}`;
}

function wildcardText(name: string): string {
  return name === WILDCARD_PARAM ? "*" : `*${name}`;
}

/**
 * Join a mount prefix and a pattern: ("/api", "/time") → "/api/time".
 *
 * @exercise
 * @hint nudge: mounting '/time' under '/api' gives '/api/time'; under '/' it
 *   stays '/time'.
 * @hint concept: an empty or '/' prefix adds nothing; drop one trailing '/'
 *   from the prefix; a pattern of '/' is the prefix itself (so '/api' and not
 *   '/api/').
 * @hint solution: two early cases, then trim the prefix and either return it or
 *   concatenate it with the pattern.
 */
export function joinPatterns(prefix: string, pattern: string): string {
  if (prefix === "" || prefix === "/") return pattern;
  const trimmed = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  return pattern === "/" ? trimmed : trimmed + pattern;
}
