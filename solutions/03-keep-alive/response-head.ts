/**
 * Serializing a response head: status line, fields, blank line.
 *
 *     HTTP/1.1 200 OK\r\n              status-line (RFC 9112 §4)
 *     content-type: text/plain\r\n     field-line  (RFC 9112 §5)
 *     date: Sun, 06 Nov 1994 ...\r\n
 *     content-length: 11\r\n           framing the connection owns
 *     \r\n
 *
 * Field names go out lowercase, as HeaderList holds them: names are
 * case-insensitive (RFC 9110 §5.1), HTTP/2 and HTTP/3 require lowercase,
 * and one spelling on every transport means no per-request case mapping.
 *
 * Pure: strings in, a latin1 string out (one char per byte). The handler's
 * fields are checked here because a value with CR or LF would let whoever
 * controls it write a second response onto the wire (response splitting).
 */
import type { HeaderList } from "./message.ts";
import { reasonPhrase, STATUS_REASONS } from "./status-reasons.ts";

/** Fields the connection owns: a handler's copy is dropped (hop-by-hop). */
const OWNED = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
]);

/**
 * The status line. We always speak HTTP/1.1, even to a 1.0 client: a
 * server sends its highest minor version (RFC 9110 §2.5) and the client
 * knows to read it as 1.0-compatible.
 *
 * @exercise
 * @hint nudge: three parts separated by single spaces, ended by CRLF.
 * @hint concept: RFC 9112 §4: status-line = HTTP-version SP status-code SP
 *   reason-phrase CRLF, where the phrase may be empty. We always send our own
 *   version, HTTP/1.1 (RFC 9110 §2.5), and an absent reason means the
 *   registry's phrase.
 * @hint solution: a template string with the version, the status, and the
 *   given reason or reasonPhrase(status), ending in the two bytes CR LF.
 */
export function statusLine(status: number, reason: string | undefined): string {
  if (reason === undefined) {
    const cached = STATUS_LINES.get(status);
    if (cached !== undefined) return cached;
  }
  return `HTTP/1.1 ${status} ${reason ?? reasonPhrase(status)}\r\n`;
}

/** Precomputed status lines for every code in the table. */
const STATUS_LINES: ReadonlyMap<number, string> = new Map(
  [...STATUS_REASONS].map(([code, reason]) => [
    code,
    `HTTP/1.1 ${code} ${reason}\r\n`,
  ]),
);

/**
 * May this value go on the wire? RFC 9110 §5.5: "Field values containing
 * CR, LF, or NUL characters are invalid and dangerous". We also refuse
 * characters above 0xFF, which latin1 cannot carry as one byte.
 *
 * @exercise
 * @hint nudge: one bad character is enough to split a response in two.
 * @hint concept: RFC 9110 §5.5: a field value containing CR, LF or NUL is
 *   invalid and dangerous; and a header is latin1, so a character above 0xff
 *   cannot be sent as one byte either.
 * @hint solution: walk the string by char code and answer false at the first
 *   of the four kinds of bad code; true when the loop ends.
 */
export function isSafeFieldValue(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x0d || c === 0x0a || c === 0x00 || c > 0xff) return false;
  }
  return true;
}

/** tchar (RFC 9110 §5.6.2): the characters a field name may use. */
const TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~") TCHAR[c.charCodeAt(0)] = 1;
for (let c = 0x30; c <= 0x39; c++) TCHAR[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) TCHAR[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) TCHAR[c] = 1;

/** A field name is a non-empty token (RFC 9110 §5.1). */
export function isFieldName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 128 || TCHAR[c] === 0) return false;
  }
  return true;
}

/** How the connection frames the body, decided before serializing. */
export type LengthField =
  /** Write `Content-Length: n` (the handler's own line is dropped). */
  | number
  /** Keep the handler's Content-Length (HEAD, 304, a sized stream). */
  | "handler"
  /** No Content-Length at all (1xx, 204, close-delimited, chunked). */
  | "none";

export interface HeadSpec {
  readonly status: number;
  readonly reason: string | undefined;
  /** The handler's fields, checked here. */
  readonly headers: HeaderList;
  readonly length: LengthField;
  /** The Connection field to send, if any. */
  readonly connection: "close" | "keep-alive" | "upgrade" | undefined;
  /** IMF-fixdate, used unless the handler supplied its own Date. */
  readonly date: string;
  /** Trusted framing fields, e.g. Transfer-Encoding from chapter 04. */
  readonly framing: HeaderList;
}

export type HeadResult =
  | { readonly kind: "ok"; readonly head: string }
  | { readonly kind: "error"; readonly reason: string };

/**
 * Builds the head, or says why the handler's fields cannot be sent.
 *
 * @exercise
 * @hint nudge: the head is text: a status line, one line per field, an empty
 *   line; and a handler's field must never be able to add a line of its own.
 * @hint concept: a field value with CR, LF or NUL would add lines of its own
 *   (RFC 9110 §5.5: response splitting): refuse it, and an unsafe reason or
 *   name. Skip the fields the connection owns, except a handler's
 *   Content-Length it keeps; add Date, the length, framing, Connection.
 * @hint solution: one string from statusLine: the two refusals return errors;
 *   OWNED fields are skipped but for the content-length exception; a Date line
 *   unless the handler set one; the length, framing fields and connection; ok
 *   with a final CRLF.
 */
export function serializeHead(spec: HeadSpec): HeadResult {
  if (spec.reason !== undefined && !isSafeFieldValue(spec.reason)) {
    return { kind: "error", reason: "reason phrase contains CR, LF or NUL" };
  }
  let head = statusLine(spec.status, spec.reason);
  let hasDate = false;
  for (const [name, value] of spec.headers) {
    if (!isFieldName(name))
      return {
        kind: "error",
        reason: `bad field name ${JSON.stringify(name)}`,
      };
    if (!isSafeFieldValue(value))
      return { kind: "error", reason: `unsafe value in field ${name}` };
    if (
      OWNED.has(name) &&
      !(name === "content-length" && spec.length === "handler")
    )
      continue;
    if (name === "date") hasDate = true;
    head += `${name}: ${value}\r\n`;
  }
  if (!hasDate) head += `date: ${spec.date}\r\n`;
  if (typeof spec.length === "number")
    head += `content-length: ${spec.length}\r\n`;
  for (const [name, value] of spec.framing) head += `${name}: ${value}\r\n`;
  if (spec.connection !== undefined)
    head += `connection: ${spec.connection}\r\n`;
  return { kind: "ok", head: `${head}\r\n` };
}
