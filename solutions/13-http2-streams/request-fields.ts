/**
 * From a decoded HTTP/2 field block to the parts of a request
 * (RFC 9113 §8.3.1), or the reason it is malformed (§8.1.1).
 *
 * HTTP/1.1 puts the method, target and version on a request line, and
 * the host in a field. HTTP/2 has no request line: the same facts travel
 * as pseudo-header fields, names that start with ":" and come before
 * every regular field:
 *
 *     :method GET   :scheme https   :authority example.com   :path /a?b
 *
 * This file checks them, and every field, against the rules of §8.2 and
 * §8.3: pseudo-headers exactly once each, first, none unknown; names in
 * lower case; no field that only means something to an HTTP/1.1
 * connection. A request that breaks one is malformed, a stream error
 * PROTOCOL_ERROR: the connection goes on, the request never reaches a
 * handler (§8.1.1).
 */
import type { HeaderList } from "#ch02/header-list.ts";
import { isFieldValueByte, isTchar } from "#ch02/tokens.ts";

/** The request's control data and its regular fields. */
export interface RequestFields {
  readonly method: string;
  readonly scheme: string;
  /** :authority, or Host when :authority is absent; "" when neither. */
  readonly authority: string;
  /** :path as sent ("" for CONNECT, which has none, §8.5). */
  readonly path: string;
  /** Regular fields, in order, cookie crumbs joined (§8.2.3). */
  readonly headers: HeaderList;
  /** Content-Length when sent, to hold the DATA frames to (§8.1.1). */
  readonly contentLength: number | undefined;
}

export type MappedRequest =
  | { readonly ok: true; readonly request: RequestFields }
  | { readonly ok: false; readonly reason: string };

/**
 * Fields that belong to an HTTP/1.1 connection, not to a message; an
 * HTTP/2 request carrying one is malformed (§8.2.2). `te` is allowed with
 * the one value "trailers".
 */
export const CONNECTION_SPECIFIC: ReadonlySet<string> = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
]);

/** The request pseudo-headers (§8.3.1), each with its key in Pseudo. */
const REQUEST_PSEUDO: ReadonlyMap<string, keyof Pseudo> = new Map([
  [":method", "method"],
  [":scheme", "scheme"],
  [":authority", "authority"],
  [":path", "path"],
]);

/**
 * A field name HTTP/2 accepts: a token with no upper-case letter
 * (§8.2.1: "A field name MUST NOT contain characters in the ranges 0x00-0x20,
 * 0x41-0x5a, or 0x7f-0xff"; RFC 9110 §5.1 makes it a token).
 */
export function isH2FieldName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || !isTchar(c)) return false;
  }
  return true;
}

/**
 * A field value HTTP/2 accepts (§8.2.1): no NUL, CR or LF anywhere, no
 * other control byte, and no space or tab at either end.
 */
export function isH2FieldValue(value: string): boolean {
  const n = value.length;
  if (n === 0) return true;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(n - 1);
  if (first === 0x20 || first === 0x09 || last === 0x20 || last === 0x09)
    return false;
  for (let i = 0; i < n; i++) {
    if (!isFieldValueByte(value.charCodeAt(i))) return false;
  }
  return true;
}

/** The control data, as read from the pseudo-header fields. */
interface Pseudo {
  method?: string;
  scheme?: string;
  authority?: string;
  path?: string;
}

/**
 * Reads one pseudo-header field into `pseudo`; the reason when it breaks
 * a rule of RFC 9113 §8.3 (undefined when it is fine).
 *
 * @exercise
 * @hint nudge: four names are allowed, each once, and only before the
 *   first regular field.
 * @hint concept: RFC 9113 §8.3: "Endpoints MUST NOT generate pseudo-header
 *   fields other than those defined"; a request with an unknown or
 *   response pseudo-header, a repeated one, or one after a regular field is
 *   malformed (§8.3.1). Their values must be valid field values too.
 * @hint solution: each refusal is a reason string naming the field: after a
 *   regular field; not in REQUEST_PSEUDO; its key already set in pseudo; a
 *   value isH2FieldValue refuses. Otherwise store the value under its key
 *   and answer undefined.
 */
export function readPseudo(
  pseudo: Pseudo,
  name: string,
  value: string,
  seenRegular: boolean,
): string | undefined {
  if (seenRegular) return `${name} after a regular field`;
  const key = REQUEST_PSEUDO.get(name);
  if (key === undefined) return `unknown pseudo-header ${name}`;
  if (pseudo[key] !== undefined) return `${name} repeated`;
  if (!isH2FieldValue(value)) return `${name} has a bad value`;
  pseudo[key] = value;
  return undefined;
}

/**
 * Checks one regular field (§8.2.1, §8.2.2); the reason when it breaks a
 * rule, undefined when it may be passed to the handler.
 *
 * @exercise
 * @hint nudge: three questions: a good name, a good value, a field that
 *   means something outside HTTP/1.1?
 * @hint concept: RFC 9113 §8.2.1 (lower-case token names, values without
 *   NUL, CR, LF or surrounding whitespace) and §8.2.2: connection-specific
 *   fields are malformed, except `te: trailers`.
 * @hint solution: in that order, each a reason naming the field: a name
 *   isH2FieldName refuses, a value isH2FieldValue refuses, a name in
 *   CONNECTION_SPECIFIC, and te whose value, lower-cased, is not trailers.
 *   Anything else: undefined.
 */
export function checkRegularField(
  name: string,
  value: string,
): string | undefined {
  if (!isH2FieldName(name))
    return `field name ${JSON.stringify(name)} is not lower-case token`;
  if (!isH2FieldValue(value)) return `field ${name} has a bad value`;
  if (CONNECTION_SPECIFIC.has(name)) return `connection-specific field ${name}`;
  if (name === "te" && value.toLowerCase() !== "trailers")
    return "te other than trailers";
  return undefined;
}

export type { Pseudo };
