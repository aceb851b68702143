/**
 * The chapter's test data: raw request heads and what the parser must make
 * of them. The chapter's sample table is generated from ACCEPTED (see
 * samples.test.ts), so the book shows exactly what these tests check.
 */
import type { ParserLimits } from "#ch02/request-head-parser.ts";
import type { HeaderList } from "#ch03/message.ts";

/** Lines joined with CRLF, ended by the empty line. */
export const req = (...lines: string[]): string => `${lines.join("\r\n")}\r\n\r\n`;

export interface AcceptedCase {
  readonly name: string;
  readonly bytes: string;
  readonly method: string;
  readonly target: string;
  readonly targetForm: "origin" | "absolute" | "authority" | "asterisk";
  readonly version: "HTTP/1.0" | "HTTP/1.1";
  readonly headers: HeaderList;
  /** Where the head ends, when bytes follow it (body, next request). */
  readonly end?: number;
}

const POST_HEAD = req("POST /form HTTP/1.1", "Host: a", "Content-Length: 5");

const GET = { method: "GET", target: "/", targetForm: "origin", version: "HTTP/1.1" } as const;

export const ACCEPTED: readonly AcceptedCase[] = [
  {
    name: "the smallest HTTP/1.1 request (RFC 9112 §3)",
    bytes: req("GET / HTTP/1.1", "Host: example.com"),
    ...GET,
    headers: [["host", "example.com"]],
  },
  {
    name: "what curl sends",
    bytes: req(
      "GET /hello?x=1 HTTP/1.1",
      "Host: 127.0.0.1:8080",
      "User-Agent: curl/8.5.0",
      "Accept: */*",
    ),
    ...GET,
    target: "/hello?x=1",
    headers: [
      ["host", "127.0.0.1:8080"],
      ["user-agent", "curl/8.5.0"],
      ["accept", "*/*"],
    ],
  },
  {
    name: "an empty line before the request-line is ignored (RFC 9112 §2.2)",
    bytes: `\r\n${req("GET / HTTP/1.1", "Host: a")}`,
    ...GET,
    headers: [["host", "a"]],
  },
  {
    name: "OWS around a value is trimmed, obs-text kept (RFC 9110 §5.5)",
    bytes: req("GET / HTTP/1.1", "Host: a", "X-Menu:  \t caf\xe9 au lait \t"),
    ...GET,
    headers: [
      ["host", "a"],
      ["x-menu", "caf\xe9 au lait"],
    ],
  },
  {
    name: "names are lowercased; order and repeats are kept (RFC 9110 §5.1, §5.3)",
    bytes: req("GET / HTTP/1.1", "HOST: a", "Accept: text/html", "accept: */*", "X-Empty:"),
    ...GET,
    headers: [
      ["host", "a"],
      ["accept", "text/html"],
      ["accept", "*/*"],
      ["x-empty", ""],
    ],
  },
  {
    name: "HTTP/1.0 may omit Host (RFC 9112 §3.2)",
    bytes: req("GET / HTTP/1.0"),
    ...GET,
    version: "HTTP/1.0",
    headers: [],
  },
  {
    name: "HTTP/1.2 is served as HTTP/1.1 (RFC 9110 §2.5)",
    bytes: req("GET / HTTP/1.2", "Host: a"),
    ...GET,
    headers: [["host", "a"]],
  },
  {
    name: "absolute-form, as sent to a proxy (RFC 9112 §3.2.2)",
    bytes: req("GET http://[::1]:8080/x?y=%20 HTTP/1.1", "Host: [::1]:8080"),
    ...GET,
    target: "http://[::1]:8080/x?y=%20",
    targetForm: "absolute",
    headers: [["host", "[::1]:8080"]],
  },
  {
    name: "authority-form, CONNECT only (RFC 9112 §3.2.3)",
    bytes: req("CONNECT example.com:443 HTTP/1.1", "Host: example.com:443"),
    method: "CONNECT",
    target: "example.com:443",
    targetForm: "authority",
    version: "HTTP/1.1",
    headers: [["host", "example.com:443"]],
  },
  {
    name: "asterisk-form, OPTIONS only (RFC 9112 §3.2.4)",
    bytes: req("OPTIONS * HTTP/1.1", "Host: a"),
    method: "OPTIONS",
    target: "*",
    targetForm: "asterisk",
    version: "HTTP/1.1",
    headers: [["host", "a"]],
  },
  {
    name: "an extension method and an empty Host (RFC 9110 §9.1, §7.2)",
    bytes: req("M-SEARCH /a%2Fb;p=1 HTTP/1.1", "Host:"),
    ...GET,
    method: "M-SEARCH",
    target: "/a%2Fb;p=1",
    headers: [["host", ""]],
  },
  {
    name: "the body is left for the body reader (RFC 9112 §6)",
    bytes: `${POST_HEAD}hello`,
    ...GET,
    method: "POST",
    target: "/form",
    headers: [
      ["host", "a"],
      ["content-length", "5"],
    ],
    end: POST_HEAD.length,
  },
  {
    name: "a pipelined second request is left for the next parse",
    bytes: req("GET /1 HTTP/1.1", "Host: a") + req("GET /2 HTTP/1.1", "Host: a"),
    ...GET,
    target: "/1",
    headers: [["host", "a"]],
    end: 28,
  },
];

export interface RejectedCase {
  readonly name: string;
  readonly bytes: string;
  readonly code: string;
  readonly status: number;
  /** The rule broken, quoted in the failure. */
  readonly rule: string;
  /** Section of chapters/02-request-parser.md that explains it. */
  readonly section: string;
  readonly limits?: Partial<ParserLimits>;
  /** False for big inputs: fed whole and byte by byte only. */
  readonly splits?: boolean;
}

const bad = (
  name: string,
  bytes: string,
  code: string,
  status: number,
  rule: string,
  section: string,
  extra: Pick<RejectedCase, "limits" | "splits"> = {},
): RejectedCase => ({ name, bytes, code, status, rule, section, ...extra });

const LINES = "RFC 9112 §2.2: lines end in CRLF; a bare CR or LF is not a terminator";
const FIELD = "RFC 9110 §5.5: field-value = *field-content (VCHAR, obs-text, SP, HTAB)";
const NAME = "RFC 9110 §5.6.2: field-name = token = 1*tchar";
const HOST = "RFC 9112 §3.2: exactly one valid Host in HTTP/1.1, at most one ever (400)";
const RLINE = "RFC 9112 §3: request-line = method SP request-target SP HTTP-version";
const TARGET = "RFC 9112 §3.2: origin-, absolute-, authority- (CONNECT) or asterisk-form";
const VERSION = 'RFC 9112 §2.3: HTTP-version = "HTTP" "/" DIGIT "." DIGIT';

export const REJECTED: readonly RejectedCase[] = [
  bad(
    "bare LF ends the request-line (strict §2.2)",
    "GET / HTTP/1.1\nHost: a\n\n",
    "HPE_BARE_LF",
    400,
    LINES,
    "line-endings",
  ),
  bad(
    "bare LF ends a field line (smuggling)",
    "GET / HTTP/1.1\r\nHost: a\n\r\n",
    "HPE_BARE_LF",
    400,
    LINES,
    "line-endings",
  ),
  bad(
    "bare LF as the empty line",
    "GET / HTTP/1.1\r\nHost: a\r\n\n",
    "HPE_BARE_LF",
    400,
    LINES,
    "line-endings",
  ),
  bad(
    "bare CR inside a field value (RFC 9112 §2.2)",
    req("GET / HTTP/1.1", "Host: a", "X: a\rb"),
    "HPE_INVALID_HEADER_VALUE",
    400,
    LINES,
    "header-fields",
  ),
  bad(
    "NUL in a field value",
    req("GET / HTTP/1.1", "Host: a", "X: a\x00b"),
    "HPE_INVALID_HEADER_VALUE",
    400,
    FIELD,
    "header-fields",
  ),
  bad(
    "vertical tab hiding a Transfer-Encoding (obfuscated TE)",
    req("GET / HTTP/1.1", "Host: a", "Transfer-Encoding: \x0bchunked"),
    "HPE_INVALID_HEADER_VALUE",
    400,
    FIELD,
    "header-fields",
  ),
  bad(
    "DEL in a field value",
    req("GET / HTTP/1.1", "Host: a", "X: a\x7f"),
    "HPE_INVALID_HEADER_VALUE",
    400,
    FIELD,
    "header-fields",
  ),
  bad(
    "invalid name byte: parenthesis",
    req("GET / HTTP/1.1", "Host: a", "X(y): 1"),
    "HPE_INVALID_HEADER_TOKEN",
    400,
    NAME,
    "header-fields",
  ),
  bad(
    "invalid name byte: NUL",
    req("GET / HTTP/1.1", "Host: a", "X\x00Y: 1"),
    "HPE_INVALID_HEADER_TOKEN",
    400,
    NAME,
    "header-fields",
  ),
  bad(
    "invalid name byte: obs-text",
    req("GET / HTTP/1.1", "Host: a", "Caf\xe9: 1"),
    "HPE_INVALID_HEADER_TOKEN",
    400,
    NAME,
    "header-fields",
  ),
  bad(
    "empty field name",
    req("GET / HTTP/1.1", "Host: a", ": 1"),
    "HPE_INVALID_HEADER_TOKEN",
    400,
    NAME,
    "header-fields",
  ),
  bad(
    "field line without a colon",
    req("GET / HTTP/1.1", "Host a"),
    "HPE_MISSING_COLON",
    400,
    NAME,
    "header-fields",
  ),
  bad(
    "space before colon (RFC 9112 §5.1, smuggling)",
    req("POST / HTTP/1.1", "Host: a", "Transfer-Encoding : chunked"),
    "HPE_SPACE_BEFORE_COLON",
    400,
    "RFC 9112 §5.1: no whitespace between name and colon (MUST 400)",
    "header-fields",
  ),
  bad(
    "tab before colon",
    req("GET / HTTP/1.1", "Host\t: a"),
    "HPE_SPACE_BEFORE_COLON",
    400,
    "RFC 9112 §5.1: no whitespace between name and colon (MUST 400)",
    "header-fields",
  ),
  bad(
    "obs-fold continuation line (RFC 9112 §5.2)",
    req("GET / HTTP/1.1", "Host: a", "X: 1", " 2"),
    "HPE_OBS_FOLD",
    400,
    "RFC 9112 §5.2: a server MAY reject obs-fold with 400",
    "header-fields",
  ),
  bad(
    "whitespace before the first field (RFC 9112 §2.2)",
    req("GET / HTTP/1.1", " Host: a"),
    "HPE_OBS_FOLD",
    400,
    "RFC 9112 §2.2: whitespace after the start-line MUST be rejected or skipped",
    "header-fields",
  ),
  bad(
    "two Host lines (RFC 9112 §3.2)",
    req("GET / HTTP/1.1", "Host: a", "Host: b"),
    "HPE_DUPLICATE_HOST",
    400,
    HOST,
    "the-host-field",
  ),
  bad(
    "two Host lines in HTTP/1.0",
    req("GET / HTTP/1.0", "Host: a", "Host: a"),
    "HPE_DUPLICATE_HOST",
    400,
    HOST,
    "the-host-field",
  ),
  bad(
    "HTTP/1.1 without Host",
    req("GET / HTTP/1.1", "Accept: */*"),
    "HPE_MISSING_HOST",
    400,
    HOST,
    "the-host-field",
  ),
  bad(
    "Host with a space",
    req("GET / HTTP/1.1", "Host: a b"),
    "HPE_INVALID_HOST",
    400,
    HOST,
    "the-host-field",
  ),
  bad(
    "Host with a path",
    req("GET / HTTP/1.1", "Host: a/b"),
    "HPE_INVALID_HOST",
    400,
    HOST,
    "the-host-field",
  ),
  bad(
    "Host with a port above 65535",
    req("GET / HTTP/1.1", "Host: a:65536"),
    "HPE_INVALID_HOST",
    400,
    HOST,
    "the-host-field",
  ),
  bad(
    "Host with an unclosed IPv6 literal",
    req("GET / HTTP/1.1", "Host: [::1"),
    "HPE_INVALID_HOST",
    400,
    HOST,
    "the-host-field",
  ),
  bad(
    "two spaces in the request-line",
    req("GET  / HTTP/1.1", "Host: a"),
    "HPE_INVALID_REQUEST_LINE",
    400,
    RLINE,
    "the-request-line",
  ),
  bad(
    "tab as a separator",
    req("GET\t/ HTTP/1.1", "Host: a"),
    "HPE_INVALID_REQUEST_LINE",
    400,
    RLINE,
    "the-request-line",
  ),
  bad(
    "a space inside the target",
    req("GET /a b HTTP/1.1", "Host: a"),
    "HPE_INVALID_REQUEST_LINE",
    400,
    RLINE,
    "the-request-line",
  ),
  bad(
    "trailing space after the version",
    req("GET / HTTP/1.1 ", "Host: a"),
    "HPE_INVALID_REQUEST_LINE",
    400,
    RLINE,
    "the-request-line",
  ),
  bad(
    "HTTP/0.9-style request-line without version",
    req("GET /"),
    "HPE_INVALID_REQUEST_LINE",
    400,
    RLINE,
    "the-request-line",
  ),
  bad(
    "method with a non-tchar byte",
    req("GE(T / HTTP/1.1", "Host: a"),
    "HPE_INVALID_METHOD",
    400,
    "RFC 9110 §9.1: method = token",
    "the-request-line",
  ),
  bad(
    "a method longer than any registered (501)",
    req(`${"A".repeat(21)} / HTTP/1.1`, "Host: a"),
    "HPE_METHOD_TOO_LONG",
    501,
    "RFC 9112 §3: a method longer than any implemented SHOULD get 501",
    "limits",
  ),
  bad(
    "lowercase version",
    req("GET / http/1.1", "Host: a"),
    "HPE_INVALID_VERSION",
    400,
    VERSION,
    "the-request-line",
  ),
  bad(
    "two-digit minor version",
    req("GET / HTTP/1.10", "Host: a"),
    "HPE_INVALID_VERSION",
    400,
    VERSION,
    "the-request-line",
  ),
  bad(
    "HTTP/2.0 over HTTP/1 framing (505)",
    req("GET / HTTP/2.0", "Host: a"),
    "HPE_VERSION_NOT_SUPPORTED",
    505,
    "RFC 9110 §15.6.6: 505 for an unsupported major version",
    "the-request-line",
  ),
  bad(
    "HTTP/3.0 (505)",
    req("GET / HTTP/3.0", "Host: a"),
    "HPE_VERSION_NOT_SUPPORTED",
    505,
    "RFC 9110 §15.6.6: 505 for an unsupported major version",
    "the-request-line",
  ),
  bad(
    "the HTTP/2 connection preface (RFC 9113 §3.4)",
    "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
    "HPE_VERSION_NOT_SUPPORTED",
    505,
    "RFC 9110 §15.6.6: 505 for an unsupported major version",
    "the-request-line",
  ),
  bad(
    "target without a leading slash",
    req("GET index.html HTTP/1.1", "Host: a"),
    "HPE_INVALID_TARGET",
    400,
    TARGET,
    "the-request-line",
  ),
  bad(
    "fragment in the target",
    req("GET /a#b HTTP/1.1", "Host: a"),
    "HPE_INVALID_TARGET",
    400,
    TARGET,
    "the-request-line",
  ),
  bad(
    "raw quote in the target",
    req('GET /"x" HTTP/1.1', "Host: a"),
    "HPE_INVALID_TARGET",
    400,
    TARGET,
    "the-request-line",
  ),
  bad(
    "raw non-ASCII in the target",
    req("GET /caf\xe9 HTTP/1.1", "Host: a"),
    "HPE_INVALID_TARGET",
    400,
    TARGET,
    "the-request-line",
  ),
  bad(
    "broken percent-encoding",
    req("GET /%zz HTTP/1.1", "Host: a"),
    "HPE_INVALID_TARGET",
    400,
    TARGET,
    "the-request-line",
  ),
  bad(
    "asterisk-form with GET",
    req("GET * HTTP/1.1", "Host: a"),
    "HPE_INVALID_TARGET",
    400,
    TARGET,
    "the-request-line",
  ),
  bad(
    "CONNECT with origin-form",
    req("CONNECT / HTTP/1.1", "Host: a"),
    "HPE_INVALID_TARGET",
    400,
    TARGET,
    "the-request-line",
  ),
  bad(
    "CONNECT without a port",
    req("CONNECT example.com HTTP/1.1", "Host: a"),
    "HPE_INVALID_TARGET",
    400,
    TARGET,
    "the-request-line",
  ),
  bad(
    "overlong request-line (414), default 8 KiB",
    req(`GET /${"a".repeat(8 * 1024)} HTTP/1.1`, "Host: a"),
    "HPE_URI_TOO_LONG",
    414,
    "RFC 9112 §3: a target longer than we parse MUST get 414",
    "limits",
    { splits: false },
  ),
  bad(
    "overlong request-line, refused before its LF arrives",
    `GET /${"a".repeat(60)}`,
    "HPE_URI_TOO_LONG",
    414,
    "RFC 9112 §3: a target longer than we parse MUST get 414",
    "limits",
    { limits: { maxRequestLineBytes: 64 } },
  ),
  bad(
    "endless empty lines count against the request-line",
    "\r\n".repeat(40),
    "HPE_URI_TOO_LONG",
    414,
    "RFC 9112 §2.2 permits empty lines, not unbounded ones",
    "limits",
    { limits: { maxRequestLineBytes: 64 } },
  ),
  bad(
    "too many header fields (431), default 100",
    req("GET / HTTP/1.1", "Host: a", ...Array.from({ length: 100 }, (_, i) => `X-${i}: 1`)),
    "HPE_TOO_MANY_HEADERS",
    431,
    "RFC 6585 §5: 431 when the header fields are too large",
    "limits",
    { splits: false },
  ),
  bad(
    "too many header fields, small limit",
    req("GET / HTTP/1.1", "Host: a", "A: 1", "B: 2"),
    "HPE_TOO_MANY_HEADERS",
    431,
    "RFC 6585 §5: 431 when the header fields are too large",
    "limits",
    { limits: { maxHeaderCount: 2 } },
  ),
  bad(
    "header section too large (431), default 16 KiB",
    req("GET / HTTP/1.1", "Host: a", `Cookie: ${"c".repeat(16 * 1024)}`),
    "HPE_HEADER_OVERFLOW",
    431,
    "RFC 6585 §5: 431 when the header fields are too large",
    "limits",
    { splits: false },
  ),
  bad(
    "a field line that never ends (431 before its LF)",
    `GET / HTTP/1.1\r\nX: ${"v".repeat(70)}`,
    "HPE_HEADER_OVERFLOW",
    431,
    "RFC 6585 §5: 431 when the header fields are too large",
    "limits",
    { limits: { maxHeaderBytes: 64 } },
  ),
  bad(
    "the final empty line counts too",
    req("GET / HTTP/1.1", "Host: a"),
    "HPE_HEADER_OVERFLOW",
    431,
    "RFC 6585 §5: 431 when the header fields are too large",
    "limits",
    { limits: { maxHeaderBytes: 10 } },
  ),
];

/** Heads that are not finished: the parser must ask for more, not guess. */
export const INCOMPLETE: readonly { readonly name: string; readonly bytes: string }[] = [
  { name: "nothing yet", bytes: "" },
  { name: "only empty lines so far", bytes: "\r\n\r\n" },
  { name: "request-line without CRLF", bytes: "GET / HTTP/1.1" },
  { name: "CR waiting for its LF", bytes: "GET / HTTP/1.1\r\nHost: a\r" },
  { name: "fields but no empty line", bytes: "GET / HTTP/1.1\r\nHost: a\r\n" },
  { name: "the last CR waiting for its LF", bytes: "GET / HTTP/1.1\r\nHost: a\r\n\r" },
];
