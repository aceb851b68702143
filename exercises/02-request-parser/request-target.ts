// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * The four forms of request-target (RFC 9112 §3.2).
 *
 *     origin-form    = absolute-path [ "?" query ]        GET /where?q=now
 *     absolute-form  = absolute-URI                       GET http://a.example/
 *     authority-form = uri-host ":" port   (CONNECT only) CONNECT a.example:443
 *     asterisk-form  = "*"                 (OPTIONS only) OPTIONS *
 *
 * The form is decided by the method and the first byte, never guessed, and
 * the bytes are held to RFC 3986's character set. A target with a raw
 * space, quote, backslash or control byte is refused rather than "fixed":
 * two servers that fix it differently disagree about which resource was
 * asked for.
 */
import { type Checked, fail, ok } from "./errors.ts";
import { isValidHost } from "./host-field.ts";
import { NotImplemented } from "#course/not-implemented.ts";

export type TargetForm = "origin" | "absolute" | "authority" | "asterisk";

/** unreserved / sub-delims / ":" / "@" / "/" / "?" (RFC 3986 §2, §3.3). */
const URI_BYTES: readonly boolean[] = Array.from({ length: 256 }, (_, byte) =>
  /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/.test(String.fromCharCode(byte)),
);

/** HEXDIG, either case: 0-9, a-f, A-F. */
function isHex(byte: number): boolean {
  const lower = byte | 0x20;
  return (byte >= 0x30 && byte <= 0x39) || (lower >= 0x61 && lower <= 0x66);
}

const isBracket = (byte: number): boolean => byte === 0x5b || byte === 0x5d;

/**
 * True when every byte of `text` from `from` is a URI character or a
 * well-formed percent-encoding ("%" HEXDIG HEXDIG). `brackets` admits "["
 * and "]", which RFC 3986 allows only around an IPv6 literal in the
 * authority of an absolute-URI.
 */
export function isUriText(text: string, from = 0, brackets = false): boolean {
  for (let i = from; i < text.length; i++) {
    const byte = text.charCodeAt(i);
    if (byte === 0x25) {
      const [hi, lo] = [text.charCodeAt(i + 1), text.charCodeAt(i + 2)];
      if (!isHex(hi) || !isHex(lo)) return false;
      i += 2;
    } else if (!URI_BYTES[byte] && !(brackets && isBracket(byte))) {
      return false;
    }
  }
  return true;
}

/**
 * scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3986 §3.1),
 * followed by "//" and an authority. "example.com:80" is a well-formed
 * absolute-URI too (scheme "example.com", path "80"), which is exactly why
 * we insist on the "//": a server needs the authority to know the host
 * (RFC 9112 §3.2.2), and a target that reads two ways is refused.
 */
const SCHEME = /^[A-Za-z][A-Za-z0-9+\-.]*:\/\//;

/** The answers, built once: classifying a target allocates nothing. */
const ORIGIN: Checked<TargetForm> = ok("origin");
const ABSOLUTE: Checked<TargetForm> = ok("absolute");
const AUTHORITY: Checked<TargetForm> = ok("authority");
const ASTERISK: Checked<TargetForm> = ok("asterisk");

/**
 * Decides which of the four forms `target` is in, given the method, and
 * checks its bytes. CONNECT must use authority-form and only CONNECT may;
 * "*" is only for OPTIONS (RFC 9112 §3.2.3, §3.2.4). Everything else is
 * origin-form when it starts with "/", absolute-form when it starts with a
 * scheme, and invalid otherwise.
 *
 * @exercise
 */
export function classifyTarget(method: string, target: string): Checked<TargetForm> {
  throw new NotImplemented({
    chapter: "02",
    name: "classifyTarget",
    file: "exercises/02-request-parser/request-target.ts",
    hint: "look at the method first (CONNECT, OPTIONS), then at the first byte of the target.",
  });
}
