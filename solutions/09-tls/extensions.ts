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
 * @hint nudge: read a type and a length-prefixed data vector until no bytes
 *   remain; a length that runs past the end is an error, not a shorter
 *   extension.
 * @hint concept: with a ByteCursor: uint(2) for the type, vector(2) for the
 *   data; undefined from either means TLS_BAD_LENGTH; remember the types you
 *   saw to catch TLS_DUPLICATE_EXTENSION.
 * @hint solution: const cursor = new ByteCursor(block); const seen = new
 *   Set<number>(); const out = []; while (cursor.remaining > 0) { const type =
 *   cursor.uint(2); const data = cursor.vector(2); if (type === undefined ||
 *   data === undefined) return fail("TLS_BAD_LENGTH"); if (seen.has(type))
 *   return fail("TLS_DUPLICATE_EXTENSION"); seen.add(type); out.push({ type,
 *   data }); } return ok(out).
 */
export function walkExtensions(block: Uint8Array): Read<readonly Extension[]> {
  const cursor = new ByteCursor(block);
  const seen = new Set<number>();
  const extensions: Extension[] = [];
  while (cursor.remaining > 0) {
    const type = cursor.uint(2);
    const data = cursor.vector(2);
    if (type === undefined || data === undefined) return fail("TLS_BAD_LENGTH");
    if (seen.has(type)) return fail("TLS_DUPLICATE_EXTENSION");
    seen.add(type);
    extensions.push({ type, data });
  }
  return ok(extensions);
}

/**
 * The versions in supported_versions (RFC 8446 §4.2.1), a client's real
 * offer; legacy_version says 0x0303 forever. Undefined when malformed.
 *
 * @exercise
 * @hint nudge: a 1-byte-length list of 2-byte versions that fills the
 *   extension.
 * @hint concept: ClientHello's form is `ProtocolVersion versions<2..254>`:
 *   vector(1), nothing after it, an even length of at least 2; then uint(2) per
 *   version.
 * @hint solution: const cursor = new ByteCursor(data); const list =
 *   cursor.vector(1); if (!list || cursor.remaining > 0 || list.length < 2 ||
 *   list.length % 2 !== 0) return undefined; const items = new
 *   ByteCursor(list); const versions = []; while (items.remaining > 0)
 *   versions.push(items.uint(2)); return versions.
 */
export function readSupportedVersions(data: Uint8Array): number[] | undefined {
  const cursor = new ByteCursor(data);
  const list = cursor.vector(1);
  if (list === undefined || cursor.remaining > 0 || list.length < 2)
    return undefined;
  if (list.length % 2 !== 0) return undefined;
  const versions: number[] = [];
  const items = new ByteCursor(list);
  while (items.remaining > 0) versions.push(items.uint(2) as number);
  return versions;
}
