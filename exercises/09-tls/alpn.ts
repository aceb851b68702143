// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * Reads the ALPN extension's data into the offered protocol ids, in the
 * client's order of preference. "Empty strings MUST NOT be included and
 * byte strings MUST NOT be truncated" (RFC 7301 §3.1): an empty name, an
 * empty list, or a length that does not add up is TLS_BAD_ALPN.
 *
 * @exercise
 */
export function readAlpn(data: Uint8Array): Read<readonly string[]> {
  throw new NotImplemented({
    chapter: "09",
    name: "readAlpn",
    file: "exercises/09-tls/alpn.ts",
    hint: "one 2-byte-length list that must fill the extension; inside it, names each with a 1-byte length.",
  });
}
