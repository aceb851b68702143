/**
 * Content-Length = 1*DIGIT (RFC 9110 §8.6).
 *
 * Only ASCII digits: no sign, no spaces inside, no hex, no decimal point,
 * no list. `Number("0x10")` is 16 and `parseInt("12abc")` is 12; a server
 * that reads lengths with either can be told a different length than the
 * proxy in front of it, which is the whole of request smuggling.
 */
import { type Checked, fail, ok } from "./errors.ts";

/**
 * The largest length we accept: beyond 2^53 - 1 a JavaScript number can no
 * longer count bytes exactly, and no request body is that large.
 */
export const MAX_CONTENT_LENGTH = Number.MAX_SAFE_INTEGER;

const DIGITS = /^[0-9]+$/;

/**
 * Reads one Content-Length value; a list ("5, 5") is not one value.
 *
 * @exercise
 * @hint nudge: '+5', '5.0', ' 5' and '0x5' are all things Number() would
 *   accept.
 * @hint concept: RFC 9112 §6.2: Content-Length = 1*DIGIT. Accept digits only,
 *   and refuse a value beyond what we can count exactly (MAX_CONTENT_LENGTH): a
 *   length that wraps around is a smuggling vector.
 * @hint solution: anything DIGITS does not match is HPE_INVALID_CONTENT_LENGTH;
 *   so is a number above MAX_CONTENT_LENGTH once converted; else the number.
 */
export function parseContentLength(value: string): Checked<number> {
  if (!DIGITS.test(value)) return fail("HPE_INVALID_CONTENT_LENGTH");
  const length = Number(value);
  if (length > MAX_CONTENT_LENGTH) return fail("HPE_INVALID_CONTENT_LENGTH");
  return ok(length);
}
