/**
 * Application-Layer Protocol Negotiation (RFC 7301): the client lists the
 * protocols it can speak on top of TLS, the server picks one in its reply.
 * It is how a browser and a server agree on HTTP/2 without a round trip:
 *
 *     opaque ProtocolName<1..2^8-1>;
 *     struct {
 *         ProtocolName protocol_name_list<2..2^16-1>
 *     } ProtocolNameList;
 *
 * Ids are registered with IANA: "http/1.1", "h2", "acme-tls/1".
 */
import { Buffer } from "node:buffer";
import { ByteCursor } from "./byte-cursor.ts";
import { fail, ok, type Read } from "./tls-errors.ts";

/**
 * Reads the ALPN extension's data into the offered protocol ids, in the
 * client's order of preference. "Empty strings MUST NOT be included and
 * byte strings MUST NOT be truncated" (RFC 7301 §3.1): an empty name, an
 * empty list, or a length that does not add up is TLS_BAD_ALPN.
 *
 * @exercise
 * @hint nudge: one 2-byte-length list that must fill the extension; inside
 *   it, names each with a 1-byte length.
 * @hint concept: RFC 7301 §3.1: a protocol_name_list<2..2^16-1> of
 *   ProtocolName<1..2^8-1>; "Empty strings MUST NOT be included and byte
 *   strings MUST NOT be truncated". Bytes after the list, an empty list or an
 *   empty name are malformed.
 * @hint solution: a ByteCursor's 2-byte vector is the list: missing, empty
 *   or followed by anything is TLS_BAD_ALPN. A second cursor over the list:
 *   1-byte vectors until it is used up, a missing or empty one the same
 *   error; each name decoded as latin1; ok with the names in order.
 */
export function readAlpn(data: Uint8Array): Read<readonly string[]> {
  const outer = new ByteCursor(data);
  const list = outer.vector(2);
  if (!list || outer.remaining > 0 || list.length === 0)
    return fail("TLS_BAD_ALPN");
  const names = new ByteCursor(list);
  const ids: string[] = [];
  while (names.remaining > 0) {
    const name = names.vector(1);
    if (!name || name.length === 0) return fail("TLS_BAD_ALPN");
    ids.push(Buffer.from(name).toString("latin1"));
  }
  return ok(ids);
}
