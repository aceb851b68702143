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
 * @hint nudge: check the whole name's length, then every label, then the last
 *   label.
 * @hint concept: at most 253 bytes; split on "."; each label must match LABEL
 *   (which also refuses empty labels, so a trailing dot fails); a last label of
 *   digits only is an IPv4 address.
 * @hint solution: if (name.length === 0 || name.length > 253) return false;
 *   const labels = name.split("."); if (!labels.every((l) => LABEL.test(l)))
 *   return false; return !/^\d+$/.test(labels.at(-1)).
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
 * @hint concept: the list is vector(2) and must be all of the data; each entry
 *   is uint(1) name_type then vector(2) name; keep the one host_name (type 0),
 *   refuse a second one; an IP address (net.isIP) is
 *   TLS_ADDRESS_AS_SERVER_NAME, any other name isHostName rejects
 *   TLS_INVALID_HOST_NAME.
 * @hint solution: const outer = new ByteCursor(data); const list =
 *   outer.vector(2); if (!list || outer.remaining > 0 || list.length === 0)
 *   return fail("TLS_BAD_SERVER_NAME"); let host; const entries = new
 *   ByteCursor(list); while (entries.remaining > 0) { const type =
 *   entries.uint(1); const name = entries.vector(2); if (type === undefined ||
 *   !name || name.length === 0) return fail("TLS_BAD_SERVER_NAME"); if (type
 *   !== HOST_NAME) continue; if (host !== undefined) return
 *   fail("TLS_BAD_SERVER_NAME"); host = Buffer.from(name).toString("latin1");
 *   if (isIP(host) !== 0) return fail("TLS_ADDRESS_AS_SERVER_NAME"); if
 *   (!isHostName(host)) return fail("TLS_INVALID_HOST_NAME"); } return host ===
 *   undefined ? fail("TLS_BAD_SERVER_NAME") : ok(host.toLowerCase()).
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
