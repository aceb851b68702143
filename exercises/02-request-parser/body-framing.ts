// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Where does the body end? (RFC 9112 §6.1-§6.3)
 *
 * The answer decides where the next request begins, so it must be the same
 * answer every server on the path gives. RFC 9112 §6.3 lists the rules in
 * order; for a request they reduce to:
 *
 * 1. Transfer-Encoding present: HTTP/1.0 may not use it (§6.1), it may not
 *    come with Content-Length (§6.1 allows rejecting; we do), and its final
 *    coding must be chunked or the length "cannot be determined reliably"
 *    (§6.3 rule 4: 400). Then the body is chunked (chapter 04).
 * 2. Content-Length present: exactly one valid value (§6.3 rule 5).
 * 3. Neither: no body (§6.3 rule 7).
 *
 * On duplicates we take the strict side of a MAY: RFC 9110 §8.6 lets a
 * recipient collapse "Content-Length: 5, 5" or two identical lines into 5,
 * or reject them. No correct client sends either, and collapsing means
 * deciding whether "5" and "05" are the same, so any second value is 400.
 */
import { getHeaders, type HeaderList } from "./header-list.ts";
import { parseContentLength } from "./content-length.ts";
import {
  type Checked,
  fail,
  ok,
  type ParseError,
  parseError,
} from "./errors.ts";
import type { RequestHead } from "./request-head-parser.ts";
import { isToken } from "./tokens.ts";
import { NotImplemented } from "#course/not-implemented.ts";

export type BodyFraming =
  | { readonly kind: "none" }
  | { readonly kind: "length"; readonly length: number }
  | { readonly kind: "chunked" }
  | { readonly kind: "error"; readonly error: ParseError };

const failed = (code: Parameters<typeof parseError>[0]): BodyFraming => ({
  kind: "error",
  error: parseError(code),
});

/** Transfer codings in order, or undefined when the list is malformed. */
type Codings = string[] | undefined;

/**
 * The transfer codings of every Transfer-Encoding line, in order,
 * lowercased (coding names are case-insensitive, RFC 9112 §7). Empty list
 * elements are skipped as RFC 9110 §5.6.1 requires; a non-token element
 * (parameters, inner spaces, control bytes) makes the list undefined.
 *
 * @exercise
 */
export function transferCodings(values: readonly string[]): Codings {
  throw new NotImplemented({
    chapter: "02",
    name: "transferCodings",
    file: "exercises/02-request-parser/body-framing.ts",
    hint: "Transfer-Encoding is a list, possibly spread over several field lines, and codings are case-insensitive.",
  });
}

/** Checked<void>'s one success value, shared. */
const FINE: Checked<void> = ok(undefined);

/**
 * The framing rules one field line can break on its own, checked the moment
 * the line is complete rather than after the whole head: a second
 * Content-Length, a list, or a value that is not a length (or overflows).
 * Waiting for the empty line would let a client that already told us a
 * smuggling story keep the connection, and our memory, for the rest of
 * the head. `earlier` is the field lines before this one.
 *
 * @exercise
 */
export function checkAtOnce(
  field: readonly [string, string],
  earlier: HeaderList,
): Checked<void> {
  throw new NotImplemented({
    chapter: "02",
    name: "checkAtOnce",
    file: "exercises/02-request-parser/body-framing.ts",
    hint: "only one field name concerns this check; every other line is fine at once.",
  });
}

/**
 * RFC 9112 §6.1 and §6.3 rule 4 for a request with Transfer-Encoding.
 *
 * @exercise
 */
function chunkedFraming(head: RequestHead, te: readonly string[]): BodyFraming {
  throw new NotImplemented({
    chapter: "02",
    name: "chunkedFraming",
    file: "exercises/02-request-parser/body-framing.ts",
    hint: "Transfer-Encoding together with Content-Length is the classic request smuggling setup.",
  });
}

/**
 * How the body of the request with this head is framed, or why it cannot
 * be framed safely (400, or 501 for a coding we do not implement).
 *
 * @exercise
 */
export function bodyFraming(head: RequestHead): BodyFraming {
  throw new NotImplemented({
    chapter: "02",
    name: "bodyFraming",
    file: "exercises/02-request-parser/body-framing.ts",
    hint: "Transfer-Encoding wins the question, but only when nothing about it is suspicious.",
  });
}
