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
 * @hint nudge: Transfer-Encoding is a list, possibly spread over several field
 *   lines, and codings are case-insensitive.
 * @hint concept: join the field lines with commas and split (RFC 9110 §5.3);
 *   trim spaces and tabs from each element; skip empty elements (§5.6.1); every
 *   remaining element must be a token, else the whole list is invalid
 *   (undefined). Lowercase what you keep.
 * @hint solution: join the field lines with commas and split again; trim spaces
 *   and tabs off each element and skip empty ones; any element that is not a
 *   token spoils the whole list (nothing is returned); keep the rest
 *   lower-cased.
 */
export function transferCodings(values: readonly string[]): Codings {
  const codings: string[] = [];
  for (const element of values.join(",").split(",")) {
    const coding = element.replace(/^[ \t]+|[ \t]+$/g, "");
    if (coding === "") continue;
    if (!isToken(coding)) return undefined;
    codings.push(coding.toLowerCase());
  }
  return codings;
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
 * @hint nudge: only one field name concerns this check; every other line
 *   is fine at once.
 * @hint concept: RFC 9112 §6.3 rule 5: a Content-Length that is repeated, a
 *   list or not a valid length is unrecoverable: the server MUST answer 400 and
 *   close. A second line or a comma is HPE_MULTIPLE_CONTENT_LENGTH; a bad
 *   number is what parseContentLength says.
 * @hint solution: FINE for any other name. An earlier Content-Length among the
 *   fields, or a comma in the value, fails with the multiple-length code. Last,
 *   parse the value with parseContentLength: FINE when it succeeds, else its
 *   own failure.
 */
export function checkAtOnce(
  field: readonly [string, string],
  earlier: HeaderList,
): Checked<void> {
  if (field[0] !== "content-length") return FINE;
  for (const [name] of earlier) {
    if (name === "content-length") return fail("HPE_MULTIPLE_CONTENT_LENGTH");
  }
  if (field[1].includes(",")) return fail("HPE_MULTIPLE_CONTENT_LENGTH");
  const length = parseContentLength(field[1]);
  return length.ok ? FINE : length;
}

/**
 * RFC 9112 §6.1 and §6.3 rule 4 for a request with Transfer-Encoding.
 *
 * @exercise
 * @hint nudge: Transfer-Encoding together with Content-Length is the classic
 *   request smuggling setup.
 * @hint concept: RFC 9112 §6.1: an HTTP/1.0 request must not use
 *   Transfer-Encoding (refuse it); with Content-Length too, refuse (§6.3 allows
 *   it, and choosing one is smuggleable). chunked must come last and once; any
 *   other coding is one we do not implement.
 * @hint solution: in order: HTTP/1.0 is HPE_TE_IN_HTTP_1_0; Content-Length
 *   alongside is HPE_CONTENT_LENGTH_WITH_TE; no list from transferCodings, a
 *   last coding not chunked, or chunked twice is HPE_INVALID_TRANSFER_ENCODING;
 *   another coding HPE_UNKNOWN_TRANSFER_CODING; else chunked.
 */
function chunkedFraming(head: RequestHead, te: readonly string[]): BodyFraming {
  if (head.version === "HTTP/1.0") return failed("HPE_TE_IN_HTTP_1_0");
  if (getHeaders(head.headers, "content-length").length > 0) {
    return failed("HPE_CONTENT_LENGTH_WITH_TE");
  }
  const codings = transferCodings(te);
  if (codings === undefined || codings.at(-1) !== "chunked") {
    return failed("HPE_INVALID_TRANSFER_ENCODING");
  }
  // chunked must be final and appear once (§6.1); we implement no other.
  const others = codings.slice(0, -1);
  if (others.includes("chunked")) {
    return failed("HPE_INVALID_TRANSFER_ENCODING");
  }
  if (others.length > 0) return failed("HPE_UNKNOWN_TRANSFER_CODING");
  return { kind: "chunked" };
}

/**
 * How the body of the request with this head is framed, or why it cannot
 * be framed safely (400, or 501 for a coding we do not implement).
 *
 * @exercise
 * @hint nudge: Transfer-Encoding wins the question, but only when nothing about
 *   it is suspicious.
 * @hint concept: RFC 9112 §6.3: Transfer-Encoding overrides Content-Length, and
 *   a server may refuse a message with both (we do); §6.1: chunked is the final
 *   coding, and an unknown coding gets 501. Else one valid Content-Length
 *   (§6.2) is the length; neither: no body.
 * @hint solution: Transfer-Encoding lines present: chunkedFraming decides. Else
 *   the Content-Length lines: none, no body; two lines or a list in one is
 *   HPE_MULTIPLE_CONTENT_LENGTH; parseContentLength the value, a failure
 *   becomes an error framing, else a length framing.
 */
export function bodyFraming(head: RequestHead): BodyFraming {
  const te = getHeaders(head.headers, "transfer-encoding");
  if (te.length > 0) return chunkedFraming(head, te);
  const cl = getHeaders(head.headers, "content-length");
  const [first] = cl;
  if (first === undefined) return { kind: "none" };
  if (cl.length > 1 || first.includes(",")) {
    return failed("HPE_MULTIPLE_CONTENT_LENGTH");
  }
  const length = parseContentLength(first);
  if (!length.ok) return { kind: "error", error: length.error };
  return { kind: "length", length: length.value };
}
