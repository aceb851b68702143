/**
 * Character classes of the HTTP grammar (RFC 9110 §5.6.2, §5.5).
 *
 * Strings here are latin1: one char per byte, so `charCodeAt` is the byte.
 * Tables are built once; a lookup is one array index per byte.
 */

/** tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
 *  "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA (RFC 9110 §5.6.2). */
const TCHAR_PUNCTUATION = "!#$%&'*+-.^_`|~";

/**
 * One byte per byte value, 1 for a tchar. A Uint8Array rather than an
 * array of booleans: the lookup compiles to one bounds-checked load, and a
 * charCodeAt past the end (NaN) reads undefined, which is not 1.
 */
const TCHAR = Uint8Array.from({ length: 256 }, (_, byte) => {
  const c = String.fromCharCode(byte);
  return /[0-9A-Za-z]/.test(c) || TCHAR_PUNCTUATION.includes(c) ? 1 : 0;
});

/** field-vchar / SP / HTAB (RFC 9110 §5.5), as a table like TCHAR. */
const FIELD_VALUE = Uint8Array.from({ length: 256 }, (_, byte) =>
  byte === 0x09 || byte === 0x20 || (byte >= 0x21 && byte !== 0x7f) ? 1 : 0,
);

/** True when `byte` may appear in a token. */
export function isTchar(byte: number): boolean {
  return TCHAR[byte] === 1;
}

/**
 * True when `text` is a token: one or more tchar (RFC 9110 §5.6.2).
 * Methods, field names and transfer-coding names are all tokens; the
 * delimiters a token excludes (SP, ":", "/", "(", ...) are what make
 * request-lines and field lines splittable without ambiguity.
 *
 * @exercise
 * @hint nudge: an empty string is not a token, and every byte must be a tchar.
 * @hint concept: RFC 9110 §5.6.2: token = 1*tchar, and tchar is a letter, a
 *   digit or one of !#$%&'*+-.^_`|~. So an empty string is not a token, and one
 *   byte outside tchar spoils it.
 * @hint solution: an empty string is not a token; otherwise every character
 *   code must pass isTchar.
 */
export function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    if (!isTchar(text.charCodeAt(i))) return false;
  }
  return true;
}

/**
 * True when `byte` may appear in a field value: field-vchar (VCHAR or
 * obs-text 0x80-0xFF), SP or HTAB (RFC 9110 §5.5). Everything else is a
 * control character: NUL, a bare CR, LF, DEL.
 */
export function isFieldValueByte(byte: number): boolean {
  return FIELD_VALUE[byte] === 1;
}

/** OWS = *( SP / HTAB ) (RFC 9110 §5.6.3). */
export function isOws(byte: number): boolean {
  return byte === 0x20 || byte === 0x09;
}
