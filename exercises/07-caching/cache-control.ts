// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * The Cache-Control field (RFC 9111 §5.2): a list of directives, each a
 * token with an optional argument.
 *
 *     Cache-Control: public, max-age=31536000, immutable
 *     Cache-Control: private="set-cookie", no-cache
 *
 * Parsing yields a list of [name, argument] pairs, names lowercased (they
 * are case-insensitive) and arguments unquoted. Meaning lives elsewhere:
 * directives.ts reads the pairs, cache-policy.ts validates configuration.
 */
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * One directive: `max-age=60` is ["max-age", "60"], `public` is ["public",
 * undefined].
 */
export type Directive = readonly [name: string, argument: string | undefined];

export type CacheControlParse =
  | { readonly ok: true; readonly directives: readonly Directive[] }
  | { readonly ok: false; readonly at: number; readonly reason: string };

/** tchar (RFC 9110 §5.6.2): the characters a token may hold. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/;
const isOws = (c: string | undefined): boolean => c === " " || c === "\t";

/**
 * Reads a quoted-string at `i` (RFC 9110 §5.6.4), undoing `\` escapes.
 *
 * @exercise
 */
function readQuoted(
  text: string,
  i: number,
): { value: string; end: number } | undefined {
  throw new NotImplemented({
    chapter: "07",
    name: "readQuoted",
    file: "exercises/07-caching/cache-control.ts",
    hint: "inside a quoted-string a backslash escapes the next character, and control characters are not allowed.",
  });
}

/**
 * Reads `token [ "=" ( token / quoted-string ) ]` at `i`.
 *
 * @exercise
 */
function readDirective(
  text: string,
  i: number,
): { d: Directive; end: number } | string {
  throw new NotImplemented({
    chapter: "07",
    name: "readDirective",
    file: "exercises/07-caching/cache-control.ts",
    hint: "a directive is a name, optionally '=' and an argument that is a token or a quoted-string.",
  });
}

/**
 * Parses `#cache-directive`. Empty list elements are skipped (RFC 9110
 * §5.6.1); anything else that is not a directive is an error with the
 * offset where it starts.
 *
 * @exercise
 */
export function parseCacheControl(value: string): CacheControlParse {
  throw new NotImplemented({
    chapter: "07",
    name: "parseCacheControl",
    file: "exercises/07-caching/cache-control.ts",
    hint: "a list: directives separated by commas, with whitespace and empty elements allowed around them.",
  });
}

/**
 * Writes directives back as a field value. Arguments that are tokens go
 * bare (`max-age=60`, which senders SHOULD use for delta-seconds);
 * anything else is quoted, as `private="set-cookie, x-id"` must be.
 */
export function formatCacheControl(directives: readonly Directive[]): string {
  return directives
    .map(([name, arg]) => {
      if (arg === undefined) return name;
      if (TOKEN.exec(arg)?.[0] === arg) return `${name}=${arg}`;
      return `${name}="${arg.replace(/(["\\])/g, "\\$1")}"`;
    })
    .join(", ");
}
