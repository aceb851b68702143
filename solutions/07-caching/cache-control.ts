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
 * @hint nudge: inside a quoted-string a backslash escapes the next character,
 *   and control characters are not allowed.
 * @hint concept: RFC 9110 §5.6.4: quoted-string = DQUOTE *( qdtext /
 *   quoted-pair ) DQUOTE. Start after the opening quote, build the unescaped
 *   value, return it with the index after the closing quote; a missing closing
 *   quote or a control byte other than HTAB is undefined.
 * @hint solution: scan from the character after the opening quote: the closing
 *   quote ends it, a backslash takes the following character literally (none
 *   left: undefined), a control byte other than tab is undefined, anything
 *   else is kept.
 */
function readQuoted(
  text: string,
  i: number,
): { value: string; end: number } | undefined {
  let value = "";
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j]!;
    if (c === '"') return { value, end: j + 1 };
    if (c === "\\") {
      j++;
      if (j >= text.length) return undefined;
      value += text[j];
    } else if (c.charCodeAt(0) < 0x20 && c !== "\t") return undefined;
    else value += c;
  }
  return undefined;
}

/**
 * Reads `token [ "=" ( token / quoted-string ) ]` at `i`.
 *
 * @exercise
 * @hint nudge: a directive is a name, optionally '=' and an argument that is a
 *   token or a quoted-string.
 * @hint concept: RFC 9111 §5.2: cache-directive = token [ "=" ( token /
 *   quoted-string ) ], names case-insensitive. Read a TOKEN name, lower-cased;
 *   no '=' means no argument; after '=', readQuoted or a token. A failure
 *   returns its reason (the caller adds the offset).
 * @hint solution: match TOKEN at the offset; look at the next character for
 *   '='; branch on a double quote; return the name and argument pair with the
 *   end offset, or the reason.
 */
function readDirective(
  text: string,
  i: number,
): { d: Directive; end: number } | string {
  const name = TOKEN.exec(text.slice(i))?.[0];
  if (name === undefined) return "expected a directive name (a token)";
  let end = i + name.length;
  if (text[end] !== "=") return { d: [name.toLowerCase(), undefined], end };
  end++;
  if (text[end] === '"') {
    const quoted = readQuoted(text, end);
    if (quoted === undefined) return "unterminated quoted-string";
    return { d: [name.toLowerCase(), quoted.value], end: quoted.end };
  }
  const arg = TOKEN.exec(text.slice(end))?.[0];
  if (arg === undefined) return `expected an argument after ${name}=`;
  return { d: [name.toLowerCase(), arg], end: end + arg.length };
}

/**
 * Parses `#cache-directive`. Empty list elements are skipped (RFC 9110
 * §5.6.1); anything else that is not a directive is an error with the
 * offset where it starts.
 *
 * @exercise
 * @hint nudge: a list: directives separated by commas, with whitespace and
 *   empty elements allowed around them.
 * @hint concept: RFC 9110 §5.6.1: a #list allows empty elements and OWS around
 *   commas, and a recipient ignores the empty ones. Loop: skip OWS and commas;
 *   stop at the end with the directives; read one (a reason string is an error
 *   at this offset); skip OWS; anything but a comma or the end is an error.
 * @hint solution: an endless loop with an index: skip, check for the end,
 *   readDirective, collect, skip, then demand a comma or the end and report
 *   the offset and reason otherwise.
 */
export function parseCacheControl(value: string): CacheControlParse {
  const directives: Directive[] = [];
  let i = 0;
  for (;;) {
    while (isOws(value[i]) || value[i] === ",") i++;
    if (i >= value.length) return { ok: true, directives };
    const read = readDirective(value, i);
    if (typeof read === "string") return { ok: false, at: i, reason: read };
    directives.push(read.d);
    i = read.end;
    while (isOws(value[i])) i++;
    if (i < value.length && value[i] !== ",")
      return { ok: false, at: i, reason: "expected ',' between directives" };
  }
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
