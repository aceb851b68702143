// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function parsePattern(pattern: string): readonly PatternSegment[] {
  throw new NotImplemented({
    chapter: "05",
    name: "parsePattern",
    file: "exercises/05-routing/route-pattern.ts",
    hint: "a pattern is a path: it starts with '/' and splits on '/'.",
  });
}

/**
 * One piece of a pattern, between two slashes.
 *
 * @exercise
 */
function parsePiece(piece: string, pattern: string): PatternSegment {
  throw new NotImplemented({
    chapter: "05",
    name: "parsePiece",
    file: "exercises/05-routing/route-pattern.ts",
    hint: "the first character says what a piece is: ':' a parameter, '*' a wildcard, anything else a static segment.",
  });
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
 */
export function joinPatterns(prefix: string, pattern: string): string {
  throw new NotImplemented({
    chapter: "05",
    name: "joinPatterns",
    file: "exercises/05-routing/route-pattern.ts",
    hint: "mounting '/time' under '/api' gives '/api/time'; under '/' it stays '/time'.",
  });
}
