// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * The Host field (RFC 9112 §3.2, RFC 9110 §7.2).
 *
 * Host names the server a request is for; virtual hosting, absolute URLs
 * and cache keys are all built from it. Two Host lines would let two
 * components pick two different hosts for one request, so RFC 9112 §3.2
 * leaves no choice: "A server MUST respond with a 400 (Bad Request) status
 * code to any HTTP/1.1 request message that lacks a Host header field and
 * to any request message that contains more than one Host header field
 * line or a Host header field with an invalid field value."
 */
import { isIPv6 } from "node:net";
import type { HeaderList } from "./header-list.ts";
import { type Checked, fail, ok } from "./errors.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/** unreserved / sub-delims (RFC 3986 §2.3, §2.2): 1 per allowed byte. */
const REG_NAME_BYTES = Uint8Array.from({ length: 256 }, (_, byte) =>
  /[A-Za-z0-9\-._~!$&'()*+,;=]/.test(String.fromCharCode(byte)) ? 1 : 0,
);

const HEXDIG = /^[0-9A-Fa-f]{2}$/;

/**
 * reg-name = *( unreserved / pct-encoded / sub-delims ) (RFC 3986 §3.2.2).
 * A table lookup per byte: Host is checked on every request.
 */
function isRegName(host: string): boolean {
  for (let i = 0; i < host.length; i++) {
    if (REG_NAME_BYTES[host.charCodeAt(i)] === 1) continue;
    if (host.charCodeAt(i) !== 0x25) return false; // "%"
    if (!HEXDIG.test(host.slice(i + 1, i + 3))) return false;
    i += 2;
  }
  return true;
}

/** One shared "valid": checkHost runs on every request. */
const VALID: Checked<void> = ok(undefined);

/** The largest TCP port; a Host with a bigger number names nothing. */
const MAX_PORT = 65535;

/** port = *DIGIT (RFC 3986 §3.2.3), held to a real TCP port. */
function isValidPort(port: string, required: boolean): boolean {
  if (port === "") return !required;
  if (port.length > 5) return false;
  for (let i = 0; i < port.length; i++) {
    const byte = port.charCodeAt(i);
    if (byte < 0x30 || byte > 0x39) return false;
  }
  return Number(port) <= MAX_PORT;
}

/** uri-host = IP-literal / IPv4address / reg-name (RFC 3986 §3.2.2). */
function isValidUriHost(host: string): boolean {
  if (host.startsWith("[")) {
    return host.endsWith("]") && isIPv6(host.slice(1, -1));
  }
  // Every IPv4address is also a reg-name, so isIPv4 adds nothing here.
  return isRegName(host);
}

/**
 * True when `value` is uri-host [ ":" port ]: the Host field's grammar
 * (RFC 9110 §7.2), and with `portRequired` the authority-form of a CONNECT
 * target (RFC 9112 §3.2.3). An empty Host is valid: a client sends one when
 * the target URI has no authority.
 *
 * @exercise
 */
export function isValidHost(value: string, portRequired = false): boolean {
  throw new NotImplemented({
    chapter: "02",
    name: "isValidHost",
    file: "exercises/02-request-parser/host-field.ts",
    hint: "the port is after the LAST colon, and an IPv6 literal is full of colons inside brackets.",
  });
}

/**
 * Applies RFC 9112 §3.2 to a finished field section: exactly one Host in
 * HTTP/1.1, at most one in HTTP/1.0, and a valid value. `known` is a value
 * that already passed isValidHost: a connection sends the same Host on
 * every request, and the parser remembers the last good one so that
 * comparing two short strings replaces the grammar check.
 *
 * @exercise
 */
export function checkHost(
  headers: HeaderList,
  version: string,
  known?: string,
): Checked<void> {
  throw new NotImplemented({
    chapter: "02",
    name: "checkHost",
    file: "exercises/02-request-parser/host-field.ts",
    hint: "count the Host fields first: how many there are decides most of the answer.",
  });
}

/** The Host value of a head that passed checkHost, if it has one. */
export function hostOf(headers: HeaderList): string | undefined {
  for (let i = 0; i < headers.length; i++) {
    const field = headers[i] as readonly [string, string];
    if (field[0] === "host") return field[1];
  }
  return undefined;
}
