/**
 * The request-line (RFC 9112 §3):
 *
 *     request-line = method SP request-target SP HTTP-version
 *
 * Exactly one SP between the parts. RFC 9112 §3 lets a recipient split on
 * any run of whitespace instead, but a lenient server and a strict proxy in
 * front of it would then read different targets from one line; strict is the
 * only setting that agrees with everyone.
 */
import { type Checked, fail, ok } from "./errors.ts";
import { classifyTarget, type TargetForm } from "./request-target.ts";
import { isToken } from "./tokens.ts";

export type HttpVersion = "HTTP/1.0" | "HTTP/1.1";

export interface RequestLine {
  readonly method: string;
  readonly target: string;
  readonly targetForm: TargetForm;
  readonly version: HttpVersion;
}

/** HTTP-version = "HTTP" "/" DIGIT "." DIGIT, case-sensitive (§2.3). */
const VERSION = /^HTTP\/([0-9])\.([0-9])$/;
/** The common answer, shared rather than allocated per request. */
const HTTP_11: Checked<HttpVersion> = ok("HTTP/1.1");

/**
 * Reads HTTP-version. A well-formed version with another major number is
 * 505 (RFC 9110 §15.6.6). A higher 1.x minor is served as HTTP/1.1: RFC
 * 9110 §2.5 says a recipient SHOULD process it as the highest minor version
 * it conforms to.
 *
 * @exercise
 * @hint nudge: 'HTTP/1.1' is almost every request; 'HTTP/2.0' is well-formed
 *   but not ours; 'http/1.1' is not a version at all.
 * @hint concept: RFC 9112 §2.3: HTTP-version = HTTP-name '/' DIGIT '.' DIGIT,
 *   and HTTP-name is case-sensitive. Match the grammar (VERSION) for an invalid
 *   version; a major version other than 1 is well-formed but unsupported (505,
 *   RFC 9110 §15.6.6); 1.x with x other than 0 is treated as 1.1.
 * @hint solution: answer the shared HTTP_11 result for the exact common string
 *   first. Then match VERSION (no match: HPE_INVALID_VERSION); a major other
 *   than 1 is HPE_VERSION_NOT_SUPPORTED; the minor digit picks HTTP/1.0 or
 *   HTTP/1.1.
 */
export function parseVersion(text: string): Checked<HttpVersion> {
  if (text === "HTTP/1.1") return HTTP_11; // nearly every request
  const match = VERSION.exec(text);
  if (match === null) return fail("HPE_INVALID_VERSION");
  if (match[1] !== "1") return fail("HPE_VERSION_NOT_SUPPORTED");
  return ok(match[2] === "0" ? "HTTP/1.0" : "HTTP/1.1");
}

/** The methods most requests use, as the literals the code compares with. */
const COMMON_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"];

/**
 * The method token that ends at `end`: one of COMMON_METHODS itself when
 * it is one, else a slice of the line. A slice is a new string on every
 * request, so every later `method === "GET"` compares its characters and
 * every Map keyed by method (chapter 05's routes) hashes it again; the
 * literal is one string, hashed once, and compares by identity.
 */
function methodOf(line: string, end: number): string {
  for (const method of COMMON_METHODS) {
    if (method.length === end && line.startsWith(method)) return method;
  }
  return line.slice(0, end);
}

/**
 * Splits a request-line (without its CRLF) into method, target and version,
 * and checks each. Order matters for the status a client sees: a method
 * longer than `maxMethodBytes` is 501 before it is anything else, and a
 * version we do not speak is 505 before we judge a target we would not
 * understand anyway.
 *
 * @exercise
 * @hint nudge: split on single spaces (two indexOf(" ") calls, or split):
 *   exactly three non-empty parts, or the line is invalid.
 * @hint concept: RFC 9112 §3: request-line = method SP request-target SP
 *   HTTP-version, single spaces. A method longer than any we implement gets 501
 *   (§3), one that is not a token 400 (RFC 9110 §9.1); then the version
 *   (parseVersion) and the target (classifyTarget), in that order.
 * @hint solution: find the two single spaces without building an array;
 *   anything but three non-empty parts is invalid. Then the method's length,
 *   that it is a token, parseVersion and classifyTarget, returning the first
 *   failure; else ok with the four parts.
 */
export function parseRequestLine(
  line: string,
  maxMethodBytes: number,
): Checked<RequestLine> {
  // Two SPs, found without building an array: exactly three parts, none empty.
  const sp1 = line.indexOf(" ");
  const sp2 = line.indexOf(" ", sp1 + 1);
  // sp1 <= 0: no SP, or an empty method; sp2 <= sp1 + 1: no second SP, or
  // an empty target; then an empty version, or a third SP.
  const badShape =
    sp1 <= 0 ||
    sp2 <= sp1 + 1 ||
    sp2 === line.length - 1 ||
    line.includes(" ", sp2 + 1);
  if (badShape) return fail("HPE_INVALID_REQUEST_LINE");
  const method = methodOf(line, sp1);
  const target = line.slice(sp1 + 1, sp2);
  const versionText = line.slice(sp2 + 1);
  if (method.length > maxMethodBytes) return fail("HPE_METHOD_TOO_LONG");
  if (!isToken(method)) return fail("HPE_INVALID_METHOD");
  const version = parseVersion(versionText);
  if (!version.ok) return version;
  const form = classifyTarget(method, target);
  if (!form.ok) return form;
  return ok({ method, target, targetForm: form.value, version: version.value });
}
