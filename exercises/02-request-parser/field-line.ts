// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
function trimOws(text: string, from: number): string {
  throw new NotImplemented({
    chapter: "02",
    name: "trimOws",
    file: "exercises/02-request-parser/field-line.ts",
    hint: "String#trim removes more than the grammar allows.",
  });
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
 */
export function parseFieldLine(line: string): Checked<Field> {
  throw new NotImplemented({
    chapter: "02",
    name: "parseFieldLine",
    file: "exercises/02-request-parser/field-line.ts",
    hint: "check the first byte for obs-fold, find the first \":\", then judge name and value separately.",
  });
}
