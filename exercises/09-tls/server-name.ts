// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function isHostName(name: string): boolean {
  throw new NotImplemented({
    chapter: "09",
    name: "isHostName",
    file: "exercises/09-tls/server-name.ts",
    hint: "check the whole name's length, then every label, then the last label.",
  });
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
 */
export function readServerName(data: Uint8Array): Read<string> {
  throw new NotImplemented({
    chapter: "09",
    name: "readServerName",
    file: "exercises/09-tls/server-name.ts",
    hint: "a vector of entries inside a vector: check both lengths, then look at each entry's type before its name.",
  });
}
