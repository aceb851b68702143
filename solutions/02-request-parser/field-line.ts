/**
 * One field line (RFC 9112 §5, RFC 9110 §5.5):
 *
 *     field-line = field-name ":" OWS field-value OWS
 *
 * The name is a token, the colon follows it immediately, and the value is
 * visible bytes with inner spaces. Each refusal below closes a gap that a
 * request smuggler has used to make two parsers read one head two ways.
 */
import type { Checked, ParseErrorCode } from "./errors.ts";
import { fail, ok } from "./errors.ts";
import { isFieldValueByte, isOws, isTchar, isToken } from "./tokens.ts";

/** A parsed field: name lowercased (RFC 9110 §5.1), value trimmed of OWS. */
export type Field = readonly [name: string, value: string];

/** Why a name is bad: whitespace before the colon has its own rule. */
function nameError(name: string): ParseErrorCode {
  const last = name.charCodeAt(name.length - 1);
  if (name.length > 0 && isOws(last) && isTchar(name.charCodeAt(0))) {
    return "HPE_SPACE_BEFORE_COLON";
  }
  return "HPE_INVALID_HEADER_TOKEN";
}

/**
 * The value between the colon and the end, with OWS trimmed both sides.
 *
 * @exercise
 * @hint nudge: String#trim removes more than the grammar allows.
 * @hint concept: field-line = field-name ":" OWS field-value OWS (RFC 9112
 *   §5), and OWS is only space and tab (RFC 9110 §5.6.3). A trailing 0xA0
 *   (no-break space in latin1) is obs-text, part of the value, and must
 *   stay.
 * @hint solution: two indexes, one at the given start and one at the end of
 *   the text; move the first forward while it sits on OWS (isOws), the
 *   second back while the byte before it is OWS, never letting them cross;
 *   slice between them.
 */
function trimOws(text: string, from: number): string {
  let start = from;
  let end = text.length;
  while (start < end && isOws(text.charCodeAt(start))) start++;
  while (end > start && isOws(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/**
 * Parses one field line (without its CRLF) into [name, value].
 *
 * - A line that starts with SP or HTAB is obs-fold, a continuation of the
 *   previous line; RFC 9112 §5.2 lets a server reject it with 400, and we do.
 * - "No whitespace is allowed between the field name and colon" (RFC 9112
 *   §5.1), and a server MUST reject such a request with 400.
 * - The value may not hold NUL, a bare CR or any other control byte
 *   (RFC 9110 §5.5); obs-text (0x80-0xFF) is allowed and kept as latin1.
 *
 * @exercise
 * @hint nudge: check the first byte for obs-fold, find the first ":", then
 *   judge name and value separately.
 * @hint concept: RFC 9112 §5.1: field-line = field-name ":" OWS field-value
 *   OWS, with no whitespace between name and colon (400). The name is a token
 *   (RFC 9110 §5.1), the value's bytes are field-vchar, SP or HTAB (§5.5), and
 *   a line starting with whitespace is obs-fold, refused here (RFC 9112 §5.2).
 * @hint solution: a leading space or tab is HPE_OBS_FOLD, no colon
 *   HPE_MISSING_COLON; the name before the colon must be a token (nameError
 *   names the failure); each value byte must pass isFieldValueByte; trim OWS at
 *   both ends and return the name lower-cased with the value.
 */
export function parseFieldLine(line: string): Checked<Field> {
  if (isOws(line.charCodeAt(0))) return fail("HPE_OBS_FOLD");
  const colon = line.indexOf(":");
  if (colon < 0) return fail("HPE_MISSING_COLON");
  const name = line.slice(0, colon);
  if (!isToken(name)) return fail(nameError(name));
  for (let i = colon + 1; i < line.length; i++) {
    if (!isFieldValueByte(line.charCodeAt(i))) {
      return fail("HPE_INVALID_HEADER_VALUE");
    }
  }
  return ok([name.toLowerCase(), trimOws(line, colon + 1)]);
}
