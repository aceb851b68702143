// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Content-Length = 1*DIGIT (RFC 9110 §8.6).
 *
 * Only ASCII digits: no sign, no spaces inside, no hex, no decimal point,
 * no list. `Number("0x10")` is 16 and `parseInt("12abc")` is 12; a server
 * that reads lengths with either can be told a different length than the
 * proxy in front of it, which is the whole of request smuggling.
 */
import { type Checked, fail, ok } from "./errors.ts";
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function parseContentLength(value: string): Checked<number> {
  throw new NotImplemented({
    chapter: "02",
    name: "parseContentLength",
    file: "exercises/02-request-parser/content-length.ts",
    hint: "'+5', '5.0', ' 5' and '0x5' are all things Number() would accept.",
  });
}
