// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

const COMMA = 0x2c;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * True when a Connection field lists `token` (lowercase). Connection is a
 * comma-separated list of case-insensitive options (RFC 9110 §7.6.1), and
 * may be repeated, so "Connection: foo, Close" means close.
 */
export function hasConnectionToken(headers: HeaderList, token: string): boolean {
  for (let i = 0; i < headers.length; i++) {
    const [name, value] = headers[i] as readonly [string, string];
    if (name === "connection" && listHasToken(value, token)) return true;
  }
  return false;
}

/** Scans a comma list without allocating: the hot path runs it per request. */
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
 */
export function shouldKeepAlive(version: string, headers: HeaderList): boolean {
  throw new NotImplemented({
    chapter: "03",
    name: "shouldKeepAlive",
    file: "exercises/03-keep-alive/persistence.ts",
    hint: "the answer depends on two things only: the version and the Connection field.",
  });
}
