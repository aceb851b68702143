/**
 * server_name, the extension that makes virtual hosting over TLS possible
 * (RFC 6066 §3). The client names the host it wants in clear text, in its
 * first flight, so the server can choose a certificate before it must
 * show one:
 *
 *     struct {
 *         NameType name_type;                // 0 = host_name
 *         select (name_type) {
 *             case host_name: HostName;      // opaque <1..2^16-1>
 *         } name;
 *     } ServerName;
 *     struct {
 *         ServerName server_name_list<1..2^16-1>
 *     } ServerNameList;
 */
import { Buffer } from "node:buffer";
import { isIP } from "node:net";
import { ByteCursor } from "./byte-cursor.ts";
import { fail, ok, type Read } from "./tls-errors.ts";

/** NameType host_name: the only type ever defined. */
export const HOST_NAME = 0;

/** A DNS label: letters, digits, hyphens, underscores, 1–63 bytes. */
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i;

/**
 * True when `name` may be a HostName: "the fully qualified DNS hostname
 * of the server, as understood by the client", ASCII, no trailing dot,
 * and "Literal IPv4 and IPv6 addresses are not permitted" (RFC 6066 §3).
 * A name that ends in a number is refused too: that is how an IPv4
 * address would slip through as labels.
 *
 * @exercise
 * @hint nudge: check the whole name's length, then every label, then the
 *   last label.
 * @hint concept: RFC 1035 §2.3.4 and RFC 1123 §2.1: at most 253 characters,
 *   labels of letters, digits and inner hyphens (LABEL, which also refuses an
 *   empty label, so a trailing dot fails); a last label of digits only makes
 *   it an IPv4 address, not a host name.
 * @hint solution: false for an empty name or one over 253. Split on dots;
 *   false unless every label passes LABEL. Then true only when the last label
 *   is not all digits.
 */
export function isHostName(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split(".");
  if (!labels.every((l) => LABEL.test(l))) return false;
  return !/^\d+$/.test(labels.at(-1) as string);
}

/**
 * Reads the server_name extension's data and returns the host name,
 * lower-cased (DNS names compare without case). Strict: the list must fill
 * the extension exactly, each entry must fill its own length, and "The
 * ServerNameList MUST NOT contain more than one name of the same
 * name_type" (RFC 6066 §3). Unknown name types are skipped by length. An
 * IP address gets its own code: it is forbidden, but real clients (wrk,
 * some HTTP libraries) send one, and a server may choose to tolerate it.
 *
 * @exercise
 * @hint nudge: a vector of entries inside a vector: check both lengths, then
 *   look at each entry's type before its name.
 * @hint concept: RFC 6066 §3: server_name_list<1..2^16-1> of a 1-byte
 *   name_type and a HostName<1..2^16-1>; no two names of one type; "Literal
 *   IPv4 and IPv6 addresses are not permitted in HostName".
 * @hint solution: the 2-byte list must fill the data and be non-empty. Per
 *   entry a 1-byte type and 2-byte name, missing or empty: TLS_BAD_SERVER_NAME;
 *   skip types but HOST_NAME; a second host, or none at all, is that error
 *   too; an isIP name, then one isHostName refuses, have codes of their own.
 */
export function readServerName(data: Uint8Array): Read<string> {
  const outer = new ByteCursor(data);
  const list = outer.vector(2);
  if (!list || outer.remaining > 0 || list.length === 0) {
    return fail("TLS_BAD_SERVER_NAME");
  }
  let host: string | undefined;
  const entries = new ByteCursor(list);
  while (entries.remaining > 0) {
    const type = entries.uint(1);
    const name = entries.vector(2);
    if (type === undefined || !name || name.length === 0) {
      return fail("TLS_BAD_SERVER_NAME");
    }
    if (type !== HOST_NAME) continue;
    if (host !== undefined) return fail("TLS_BAD_SERVER_NAME");
    host = Buffer.from(name).toString("latin1");
    if (isIP(host) !== 0) return fail("TLS_ADDRESS_AS_SERVER_NAME");
    if (!isHostName(host)) return fail("TLS_INVALID_HOST_NAME");
  }
  return host === undefined
    ? fail("TLS_BAD_SERVER_NAME")
    : ok(host.toLowerCase());
}
