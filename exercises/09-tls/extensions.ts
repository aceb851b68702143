// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * The extension block that ends a ClientHello (RFC 8446 §4.2):
 *
 *     struct {
 *         ExtensionType extension_type;          // uint16
 *         opaque extension_data<0..2^16-1>;
 *     } Extension;
 *
 * Nearly everything TLS 1.3 negotiates travels here: the versions a client
 * speaks, its key shares, the name it wants (server_name) and the
 * application protocols it offers (ALPN). Unknown types are skipped by
 * length: that is how TLS grew for twenty years without breaking anyone.
 */
import { ByteCursor } from "./byte-cursor.ts";
import { fail, ok, type Read } from "./tls-errors.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/** Extension types this chapter reads (IANA TLS ExtensionType Values). */
export const EXTENSION = {
  server_name: 0,
  application_layer_protocol_negotiation: 16,
  supported_versions: 43,
} as const;

export interface Extension {
  readonly type: number;
  /** The extension's data, a view into the ClientHello (no copy). */
  readonly data: Uint8Array;
}

/**
 * Splits the extension block (without its own 2-byte length) into
 * extensions, in the order the client sent them. "There MUST NOT be more
 * than one extension of the same type in a given extension block"
 * (RFC 8446 §4.2): a duplicate is refused, because two readers that keep
 * different copies would disagree about what was asked for.
 *
 * @exercise
 */
export function walkExtensions(block: Uint8Array): Read<readonly Extension[]> {
  throw new NotImplemented({
    chapter: "09",
    name: "walkExtensions",
    file: "exercises/09-tls/extensions.ts",
    hint: "read a type and a length-prefixed data vector until no bytes remain; a length that runs past the end is an error, not a shorter extension.",
  });
}

/**
 * The versions in supported_versions (RFC 8446 §4.2.1), a client's real
 * offer; legacy_version says 0x0303 forever. Undefined when malformed.
 *
 * @exercise
 */
export function readSupportedVersions(data: Uint8Array): number[] | undefined {
  throw new NotImplemented({
    chapter: "09",
    name: "readSupportedVersions",
    file: "exercises/09-tls/extensions.ts",
    hint: "a 1-byte-length list of 2-byte versions that fills the extension.",
  });
}
