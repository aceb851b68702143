/**
 * Does the connection outlive this exchange? RFC 9112 §9.3.
 *
 * HTTP/1.1 made persistence the default: "A recipient determines whether a
 * connection is persistent or not based on the protocol version and
 * Connection header field" of the most recently received message. HTTP/1.0
 * predates that and closes unless both sides opt in with the (never
 * standardised, universally understood) `Connection: keep-alive`.
 */
import type { HeaderList } from "./message.ts";

const COMMA = 0x2c;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * True when a Connection field lists `token` (lowercase). Connection is a
 * comma-separated list of case-insensitive options (RFC 9110 §7.6.1), and
 * may be repeated, so "Connection: foo, Close" means close.
 *
 * @exercise
 * @hint nudge: there can be several Connection fields.
 * @hint concept: any Connection field whose list holds the token counts (RFC
 *   9110 §7.6.1).
 * @hint solution: loop over the headers; for name 'connection' return true when
 *   listHasToken(value, token); false at the end.
 */
export function hasConnectionToken(
  headers: HeaderList,
  token: string,
): boolean {
  for (let i = 0; i < headers.length; i++) {
    // Indexed, not destructured: destructuring walks the pair's iterator,
    // and for a frozen pair (a constant response's fields) V8 makes that a
    // builtin call per field.
    const field = headers[i] as readonly [string, string];
    if (field[0] === "connection" && listHasToken(field[1], token)) return true;
  }
  return false;
}

/**
 * Does a response's own Connection field say close? The loop of
 * hasConnectionToken, kept apart on purpose. V8 records, per loop, the
 * kinds of array it has read; a handler's constant response has frozen
 * pairs, and once one was on hasConnectionToken's record, every request's
 * checks (persistence, upgrade) read their fields through a call, about
 * 600 instructions per pipelined request.
 */
export function responseCloses(headers: HeaderList): boolean {
  for (let i = 0; i < headers.length; i++) {
    const field = headers[i] as readonly [string, string];
    if (field[0] === "connection" && listHasToken(field[1], "close"))
      return true;
  }
  return false;
}

/**
 * Scans a comma list without allocating: the hot path runs it per request.
 *
 * @exercise
 * @hint nudge: 'Connection: keep-alive, Upgrade' is a list; the token can be
 *   anywhere in it, with spaces around.
 * @hint concept: walk the comma-separated elements (RFC 9110 §5.6.1), trim OWS
 *   from both ends of each, and compare elements of the right length with
 *   sameIgnoringCase.
 * @hint solution: a start index; each element ends at the next comma or the
 *   end; two trim loops with isOws; length check and sameIgnoringCase; advance
 *   past the comma.
 */
function listHasToken(list: string, token: string): boolean {
  let start = 0;
  while (start <= list.length) {
    let end = list.indexOf(",", start);
    if (end === -1) end = list.length;
    let a = start;
    let b = end;
    while (a < b && isOws(list.charCodeAt(a))) a++;
    while (b > a && isOws(list.charCodeAt(b - 1))) b--;
    if (b - a === token.length && sameIgnoringCase(list, a, token)) return true;
    start = end + 1;
  }
  return false;
}

const isOws = (c: number): boolean => c === SPACE || c === TAB || c === COMMA;

/**
 * True when `text` at `at` spells `lower`, ignoring ASCII case.
 *
 * @exercise
 * @hint nudge: connection options are case-insensitive tokens, and we compare
 *   without building a lowercased copy.
 * @hint concept: fold each ASCII upper-case letter of the text to lower case
 *   and compare it with the already-lowercase token, character by character.
 * @hint solution: loop over lower's length; fold A-Z by adding 0x20; return
 *   false on the first difference; true at the end.
 */
function sameIgnoringCase(text: string, at: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    const c = text.charCodeAt(at + i);
    const folded = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
    if (folded !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Should the connection stay open after answering this request?
 * RFC 9112 §9.3, in order: a "close" option always closes; HTTP/1.1 is
 * persistent by default; HTTP/1.0 is persistent only with "keep-alive".
 *
 * @exercise
 * @hint nudge: the answer depends on two things only: the version and the
 *   Connection field.
 * @hint concept: RFC 9112 §9.3: the close option ends persistence whatever the
 *   version; otherwise HTTP/1.1 persists by default, and HTTP/1.0 only when it
 *   sent the keep-alive option; any other version does not.
 * @hint solution: three checks in that order, each using hasConnectionToken
 *   for the option it needs; the version comparison is an exact string match.
 */
export function shouldKeepAlive(version: string, headers: HeaderList): boolean {
  if (hasConnectionToken(headers, "close")) return false;
  if (version === "HTTP/1.1") return true;
  return version === "HTTP/1.0" && hasConnectionToken(headers, "keep-alive");
}
