// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function parseVersion(text: string): Checked<HttpVersion> {
  throw new NotImplemented({
    chapter: "02",
    name: "parseVersion",
    file: "exercises/02-request-parser/request-line.ts",
    hint: "'HTTP/1.1' is almost every request; 'HTTP/2.0' is well-formed but not ours; 'http/1.1' is not a version at all.",
  });
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
 */
export function parseRequestLine(
  line: string,
  maxMethodBytes: number,
): Checked<RequestLine> {
  throw new NotImplemented({
    chapter: "02",
    name: "parseRequestLine",
    file: "exercises/02-request-parser/request-line.ts",
    hint: "split on single spaces (two indexOf(\" \") calls, or split): exactly three non-empty parts, or the line is invalid.",
  });
}
