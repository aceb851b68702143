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

/** Options of one rejected case; the status defaults to 400. */
type Extra = Partial<Pick<RejectedCase, "status" | "limits" | "splits">>;

/** A case builder for one rule and the chapter section that explains it. */
const rejects =
  (rule: string, section: string) =>
  (name: string, bytes: string, code: string, extra: Extra = {}): RejectedCase => ({
    name,
    bytes,
    code,
    rule,
    section,
    ...extra,
    status: extra.status ?? 400,
  });

const crlf = rejects(
  "RFC 9112 §2.2: lines end in CRLF; a bare CR or LF is not a terminator",
  "line-endings",
);
const value = rejects(
  "RFC 9110 §5.5: field-value = *field-content (VCHAR, obs-text, SP, HTAB)",
  "header-fields",
);
const name = rejects("RFC 9110 §5.6.2: field-name = token = 1*tchar", "header-fields");
const colon = rejects(
  "RFC 9112 §5.1: no whitespace between name and colon (MUST 400)",
  "header-fields",
);
const fold = rejects(
  "RFC 9112 §5.2 / §2.2: a line starting with whitespace is rejected",
  "header-fields",
);
const host = rejects(
  "RFC 9112 §3.2: exactly one valid Host in HTTP/1.1, at most one ever (400)",
  "the-host-field",
);
const line = rejects(
  "RFC 9112 §3: request-line = method SP request-target SP HTTP-version",
  "the-request-line",
);
const version = rejects(
  "RFC 9112 §2.3: HTTP-version = HTTP/DIGIT.DIGIT; RFC 9110 §15.6.6: 505",
  "the-request-line",
);
const target = rejects(
  "RFC 9112 §3.2: origin-, absolute-, authority- (CONNECT) or asterisk-form",
  "the-request-line",
);
const limit = rejects("RFC 9112 §3 (414, 501), RFC 6585 §5 (431): limits", "limits");

const H = "Host: a";
const V505 = { status: 505 } as const;

export const REJECTED: readonly RejectedCase[] = [
  crlf("bare LF ends the request-line (strict §2.2)", "GET / HTTP/1.1\nHost: a\n\n", "HPE_BARE_LF"),
  crlf("bare LF ends a field line (smuggling)", "GET / HTTP/1.1\r\nHost: a\n\r\n", "HPE_BARE_LF"),
  crlf("bare LF as the empty line", "GET / HTTP/1.1\r\nHost: a\r\n\n", "HPE_BARE_LF"),
  crlf(
    "bare CR inside a field value (RFC 9112 §2.2)",
    req("GET / HTTP/1.1", H, "X: a\rb"),
    "HPE_BARE_CR",
  ),
  value("NUL in a field value", req("GET / HTTP/1.1", H, "X: a\x00b"), "HPE_INVALID_HEADER_VALUE"),
  value(
    "vertical tab hiding a Transfer-Encoding (obfuscated TE)",
    req("GET / HTTP/1.1", H, "Transfer-Encoding: \x0bchunked"),
    "HPE_INVALID_HEADER_VALUE",
  ),
  value("DEL in a field value", req("GET / HTTP/1.1", H, "X: a\x7f"), "HPE_INVALID_HEADER_VALUE"),
  name(
    "invalid name byte: parenthesis",
    req("GET / HTTP/1.1", H, "X(y): 1"),
    "HPE_INVALID_HEADER_TOKEN",
  ),
  name("invalid name byte: NUL", req("GET / HTTP/1.1", H, "X\x00Y: 1"), "HPE_INVALID_HEADER_TOKEN"),
  name(
    "invalid name byte: obs-text",
    req("GET / HTTP/1.1", H, "Caf\xe9: 1"),
    "HPE_INVALID_HEADER_TOKEN",
  ),
  name("empty field name", req("GET / HTTP/1.1", H, ": 1"), "HPE_INVALID_HEADER_TOKEN"),
  name("field line without a colon", req("GET / HTTP/1.1", "Host a"), "HPE_MISSING_COLON"),
  colon(
    "space before colon (RFC 9112 §5.1, smuggling)",
    req("POST / HTTP/1.1", H, "Transfer-Encoding : chunked"),
    "HPE_SPACE_BEFORE_COLON",
  ),
  colon("tab before colon", req("GET / HTTP/1.1", "Host\t: a"), "HPE_SPACE_BEFORE_COLON"),
  fold(
    "obs-fold continuation line (RFC 9112 §5.2)",
    req("GET / HTTP/1.1", H, "X: 1", " 2"),
    "HPE_OBS_FOLD",
  ),
  fold(
    "whitespace before the first field (RFC 9112 §2.2)",
    req("GET / HTTP/1.1", " Host: a"),
    "HPE_OBS_FOLD",
  ),
  host("two Host lines (RFC 9112 §3.2)", req("GET / HTTP/1.1", H, "Host: b"), "HPE_DUPLICATE_HOST"),
  host("two Host lines in HTTP/1.0", req("GET / HTTP/1.0", H, H), "HPE_DUPLICATE_HOST"),
  host("HTTP/1.1 without Host", req("GET / HTTP/1.1", "Accept: */*"), "HPE_MISSING_HOST"),
  host("Host with a space", req("GET / HTTP/1.1", "Host: a b"), "HPE_INVALID_HOST"),
  host("Host with a path", req("GET / HTTP/1.1", "Host: a/b"), "HPE_INVALID_HOST"),
  host("Host with a port above 65535", req("GET / HTTP/1.1", "Host: a:65536"), "HPE_INVALID_HOST"),
  host(
    "Host with an unclosed IPv6 literal",
    req("GET / HTTP/1.1", "Host: [::1"),
    "HPE_INVALID_HOST",
  ),
  line("two spaces in the request-line", req("GET  / HTTP/1.1", H), "HPE_INVALID_REQUEST_LINE"),
  line("tab as a separator", req("GET\t/ HTTP/1.1", H), "HPE_INVALID_REQUEST_LINE"),
  line("a space inside the target", req("GET /a b HTTP/1.1", H), "HPE_INVALID_REQUEST_LINE"),
  line("trailing space after the version", req("GET / HTTP/1.1 ", H), "HPE_INVALID_REQUEST_LINE"),
  line("HTTP/0.9-style request-line without version", req("GET /"), "HPE_INVALID_REQUEST_LINE"),
  line("method with a non-tchar byte", req("GE(T / HTTP/1.1", H), "HPE_INVALID_METHOD"),
  version("lowercase version", req("GET / http/1.1", H), "HPE_INVALID_VERSION"),
  version("two-digit minor version", req("GET / HTTP/1.10", H), "HPE_INVALID_VERSION"),
  version(
    "HTTP/2.0 over HTTP/1 framing (505)",
    req("GET / HTTP/2.0", H),
    "HPE_VERSION_NOT_SUPPORTED",
    V505,
  ),
  version("HTTP/3.0 (505)", req("GET / HTTP/3.0", H), "HPE_VERSION_NOT_SUPPORTED", V505),
  version(
    "the HTTP/2 connection preface (RFC 9113 §3.4)",
    "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
    "HPE_VERSION_NOT_SUPPORTED",
    V505,
  ),
  target("target without a leading slash", req("GET index.html HTTP/1.1", H), "HPE_INVALID_TARGET"),
  target("fragment in the target", req("GET /a#b HTTP/1.1", H), "HPE_INVALID_TARGET"),
  target("raw quote in the target", req('GET /"x" HTTP/1.1', H), "HPE_INVALID_TARGET"),
  target("raw non-ASCII in the target", req("GET /caf\xe9 HTTP/1.1", H), "HPE_INVALID_TARGET"),
  target("broken percent-encoding", req("GET /%zz HTTP/1.1", H), "HPE_INVALID_TARGET"),
  target("asterisk-form with GET", req("GET * HTTP/1.1", H), "HPE_INVALID_TARGET"),
  target("CONNECT with origin-form", req("CONNECT / HTTP/1.1", H), "HPE_INVALID_TARGET"),
  target("CONNECT without a port", req("CONNECT example.com HTTP/1.1", H), "HPE_INVALID_TARGET"),
  limit(
    "a method longer than any registered (501)",
    req(`${"A".repeat(21)} / HTTP/1.1`, H),
    "HPE_METHOD_TOO_LONG",
    { status: 501 },
  ),
  limit(
    "overlong request-line (414), default 8 KiB",
    req(`GET /${"a".repeat(8 * 1024)} HTTP/1.1`, H),
    "HPE_URI_TOO_LONG",
    { status: 414, splits: false },
  ),
  limit(
    "overlong request-line, refused before its LF arrives",
    `GET /${"a".repeat(60)}`,
    "HPE_URI_TOO_LONG",
    { status: 414, limits: { maxRequestLineBytes: 64 } },
  ),
  limit(
    "endless empty lines count against the request-line",
    "\r\n".repeat(40),
    "HPE_URI_TOO_LONG",
    { status: 414, limits: { maxRequestLineBytes: 64 } },
  ),
  limit(
    "too many header fields (431), default 100",
    req("GET / HTTP/1.1", H, ...Array.from({ length: 100 }, (_, i) => `X-${i}: 1`)),
    "HPE_TOO_MANY_HEADERS",
    { status: 431, splits: false },
  ),
  limit(
    "too many header fields, small limit",
    req("GET / HTTP/1.1", H, "A: 1", "B: 2"),
    "HPE_TOO_MANY_HEADERS",
    { status: 431, limits: { maxHeaderCount: 2 } },
  ),
  limit(
    "header section too large (431), default 16 KiB",
    req("GET / HTTP/1.1", H, `Cookie: ${"c".repeat(16 * 1024)}`),
    "HPE_HEADER_OVERFLOW",
    { status: 431, splits: false },
  ),
  limit(
    "a field line that never ends (431 before its LF)",
    `GET / HTTP/1.1\r\nX: ${"v".repeat(70)}`,
    "HPE_HEADER_OVERFLOW",
    { status: 431, limits: { maxHeaderBytes: 64 } },
  ),
  limit("the final empty line counts too", req("GET / HTTP/1.1", H), "HPE_HEADER_OVERFLOW", {
    status: 431,
    limits: { maxHeaderBytes: 10 },
  }),
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
