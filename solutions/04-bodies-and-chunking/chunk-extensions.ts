/**
 * Chunk extensions (RFC 9112 §7.1.1): name=value pairs after a chunk-size.
 *
 *     chunk-ext      = *( BWS ";" BWS chunk-ext-name
 *                         [ BWS "=" BWS chunk-ext-val ] )
 *     chunk-ext-name = token
 *     chunk-ext-val  = token / quoted-string
 *
 * No standard extension exists and a recipient "MUST ignore unrecognized
 * chunk extensions", so why parse them at all? Because skipping to the
 * CRLF without looking is how two parsers come to disagree: one stops at
 * an LF inside a quoted-string, the other does not. We accept exactly the
 * grammar and refuse everything else.
 */
import { isOws, isTchar } from "#ch02/tokens.ts";

export type ChunkExtension = readonly [name: string, value: string | undefined];

const DQUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text (RFC 9110 §5.6.4).
 */
function isQdtext(byte: number): boolean {
  if (byte === 0x09 || byte === 0x20 || byte === 0x21) return true;
  if (byte >= 0x23 && byte <= 0x7e) return byte !== BACKSLASH;
  return byte >= 0x80 && byte <= 0xff;
}

/** quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text ). */
function isQuotable(byte: number): boolean {
  return byte === 0x09 || (byte >= 0x20 && byte !== 0x7f && byte <= 0xff);
}

/** Index just past the token starting at `from` (=== from if none). */
function tokenEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && isTchar(text.charCodeAt(i))) i++;
  return i;
}

/** Index just past the quoted-string at `from`, or -1 if malformed. */
function quotedEnd(text: string, from: number): number {
  if (text.charCodeAt(from) !== DQUOTE) return -1;
  for (let i = from + 1; i < text.length; i++) {
    const byte = text.charCodeAt(i);
    if (byte === DQUOTE) return i + 1;
    if (byte === BACKSLASH) {
      i++;
      if (i >= text.length || !isQuotable(text.charCodeAt(i))) return -1;
    } else if (!isQdtext(byte)) return -1;
  }
  return -1;
}

function skipBws(text: string, from: number): number {
  let i = from;
  while (i < text.length && isOws(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Parses what follows the chunk-size on its line (without the CRLF) into
 * extensions, or returns undefined when it does not match the grammar.
 * Whitespace is allowed only where BWS is: before ";" and around "=";
 * never at the end of the line.
 *
 * @exercise
 * @hint nudge: every extension starts with optional whitespace and a ";";
 *   anything else at that point is an error, even trailing spaces.
 * @hint concept: RFC 9112 §7.1.1: chunk-ext = *( BWS ";" BWS chunk-ext-name [
 *   BWS "=" BWS chunk-ext-val ] ); the name is a token, the value a token or a
 *   quoted-string. Unknown extensions are ignored, but a malformed one makes
 *   the size line invalid.
 * @hint solution: loop to the end: skip BWS, require ';', skip BWS, take a
 *   token as the name (empty: undefined). Past BWS, no '=' records the name
 *   alone; with '=', skip BWS and take a quoted-string (quotedEnd) or a token
 *   (tokenEnd), never empty, and record the pair.
 */
export function parseChunkExtensions(
  text: string,
): ChunkExtension[] | undefined {
  const out: ChunkExtension[] = [];
  let i = 0;
  while (i < text.length) {
    i = skipBws(text, i);
    if (text.charCodeAt(i) !== 0x3b) return undefined; // ";"
    i = skipBws(text, i + 1);
    const nameEnd = tokenEnd(text, i);
    if (nameEnd === i) return undefined;
    const name = text.slice(i, nameEnd).toLowerCase();
    const eq = skipBws(text, nameEnd);
    if (text.charCodeAt(eq) !== 0x3d) {
      out.push([name, undefined]);
      i = nameEnd;
      continue;
    }
    const start = skipBws(text, eq + 1);
    const end =
      text.charCodeAt(start) === DQUOTE
        ? quotedEnd(text, start)
        : tokenEnd(text, start);
    if (end <= start) return undefined;
    out.push([name, text.slice(start, end)]);
    i = end;
  }
  return out;
}
