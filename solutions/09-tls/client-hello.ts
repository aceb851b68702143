/**
 * The ClientHello's body (RFC 8446 §4.1.2), after its handshake header:
 *
 *     struct {
 *         ProtocolVersion legacy_version = 0x0303;
 *         Random random;                                  // 32 bytes
 *         opaque legacy_session_id<0..32>;
 *         CipherSuite cipher_suites<2..2^16-2>;
 *         opaque legacy_compression_methods<1..2^8-1>;
 *         Extension extensions<8..2^16-1>;
 *     } ClientHello;
 *
 * We read the fixed fields only to get past them (and to refuse what no
 * TLS 1.2 or 1.3 client sends); what a server needs before choosing a
 * certificate is in the extensions.
 */
import { ByteCursor } from "./byte-cursor.ts";
import {
  EXTENSION,
  type Extension,
  readSupportedVersions,
  walkExtensions,
} from "./extensions.ts";
import { readAlpn } from "./alpn.ts";
import { readServerName } from "./server-name.ts";
import { fail, ok, type Read } from "./tls-errors.ts";

export interface ClientHello {
  /** legacy_version: 0x0303 from every TLS 1.2 and 1.3 client. */
  readonly legacyVersion: number;
  /** From supported_versions if present (TLS 1.3), else [legacyVersion]. */
  readonly versions: readonly number[];
  readonly cipherSuites: readonly number[];
  /** server_name's host_name, lower-cased; undefined without SNI. */
  readonly serverName: string | undefined;
  /** ALPN ids in the client's order; undefined when not offered. */
  readonly alpn: readonly string[] | undefined;
  /** Extension types in the order sent (a client's fingerprint). */
  readonly extensionTypes: readonly number[];
}

/**
 * Reads the fixed fields: legacy_version, random, session id, cipher
 * suites and compression methods, and returns the version and the suites.
 * Only what no TLS 1.0–1.3 client sends is refused: a session id over 32
 * bytes, an empty or odd-length suite list, compression without the null
 * method (RFC 8446 §4.1.2; RFC 5246 §7.4.1.2).
 *
 * @exercise
 * @hint nudge: five fields in a row; any one that runs past the end is a length
 *   error, checked before any content.
 * @hint concept: uint(2), take(32), vector(1), vector(2), vector(1); then:
 *   version at least 0x0301, session id at most 32 bytes, suites 2+ bytes and
 *   even, methods containing 0; suites become 16-bit numbers.
 * @hint solution: read all five with the cursor; if any is undefined
 *   fail("TLS_BAD_LENGTH"); if version < 0x0301 || sessionId.length > 32 ||
 *   suites.length < 2 || suites.length % 2 !== 0 || !methods.includes(0)
 *   fail("TLS_BAD_LEGACY_FIELD"); build the list with (suites[i] << 8) |
 *   suites[i + 1] for i += 2; return ok([version, list]).
 */
function readLegacyFields(cursor: ByteCursor): Read<[number, number[]]> {
  const version = cursor.uint(2);
  const random = cursor.take(32);
  const sessionId = cursor.vector(1);
  const suites = cursor.vector(2);
  const methods = cursor.vector(1);
  if (version === undefined || !random || !sessionId || !suites || !methods) {
    return fail("TLS_BAD_LENGTH");
  }
  // TLS 1.0 (0x0301) is the oldest hello anyone still sends.
  const bad =
    version < 0x0301 ||
    sessionId.length > 32 ||
    suites.length < 2 ||
    suites.length % 2 !== 0 ||
    !methods.includes(0); // the null method (RFC 5246 §7.4.1.2)
  if (bad) return fail("TLS_BAD_LEGACY_FIELD");
  const list: number[] = [];
  for (let i = 0; i < suites.length; i += 2) {
    list.push(((suites[i] as number) << 8) | (suites[i + 1] as number));
  }
  return ok([version, list]);
}

/**
 * The extensions a server reads before choosing (server_name, ALPN,
 * supported_versions), each checked by its own reader; the first error
 * wins. Without supported_versions the client speaks legacyVersion only.
 *
 * @exercise
 * @hint nudge: dispatch on the extension type; hand each known one to its
 *   reader and stop at the first error.
 * @hint concept: EXTENSION.server_name → readServerName,
 *   application_layer_protocol_negotiation → readAlpn, supported_versions →
 *   readSupportedVersions (undefined means TLS_BAD_LENGTH); versions default to
 *   [legacyVersion].
 * @hint solution: let serverName, alpn, versions = [legacyVersion]; for (const
 *   { type, data } of extensions) { if (type === EXTENSION.server_name) { const
 *   r = readServerName(data); if (!r.ok) return r; serverName = r.value; } else
 *   if (... ALPN) { ... } else if (... supported_versions) { const list =
 *   readSupportedVersions(data); if (!list) return fail("TLS_BAD_LENGTH");
 *   versions = list; } } return ok({ serverName, alpn, versions }).
 */
function readKnown(
  extensions: readonly Extension[],
  legacyVersion: number,
): Read<Pick<ClientHello, "serverName" | "alpn" | "versions">> {
  let serverName: string | undefined;
  let alpn: readonly string[] | undefined;
  let versions: readonly number[] = [legacyVersion];
  for (const { type, data } of extensions) {
    if (type === EXTENSION.server_name) {
      const name = readServerName(data);
      if (!name.ok) return name;
      serverName = name.value;
    } else if (type === EXTENSION.application_layer_protocol_negotiation) {
      const ids = readAlpn(data);
      if (!ids.ok) return ids;
      alpn = ids.value;
    } else if (type === EXTENSION.supported_versions) {
      const list = readSupportedVersions(data);
      if (list === undefined) return fail("TLS_BAD_LENGTH");
      versions = list;
    }
  }
  return ok({ serverName, alpn, versions });
}

/**
 * Parses a whole ClientHello body. The extension block is optional only
 * in the oldest hellos (RFC 5246 §7.4.1.2); when present it must fill the
 * rest of the message exactly.
 *
 * @exercise
 * @hint nudge: fixed fields, then (if any bytes remain) one extension block
 *   that must end exactly where the message ends.
 * @hint concept: readLegacyFields on a ByteCursor; if bytes remain, vector(2)
 *   is the block and nothing may follow it (TLS_BAD_LENGTH); walkExtensions,
 *   then readKnown; pass every error on unchanged.
 * @hint solution: const cursor = new ByteCursor(body); const legacy =
 *   readLegacyFields(cursor); if (!legacy.ok) return legacy; let extensions =
 *   []; if (cursor.remaining > 0) { const block = cursor.vector(2); if (!block
 *   || cursor.remaining > 0) return fail("TLS_BAD_LENGTH"); const walked =
 *   walkExtensions(block); if (!walked.ok) return walked; extensions =
 *   walked.value; } const known = readKnown(extensions, legacy.value[0]); if
 *   (!known.ok) return known; return ok({ legacyVersion, cipherSuites,
 *   extensionTypes: extensions.map((e) => e.type), ...known.value }).
 */
export function parseClientHello(body: Uint8Array): Read<ClientHello> {
  const cursor = new ByteCursor(body);
  const legacy = readLegacyFields(cursor);
  if (!legacy.ok) return legacy;
  const [legacyVersion, cipherSuites] = legacy.value;
  let extensions: readonly Extension[] = [];
  if (cursor.remaining > 0) {
    const block = cursor.vector(2);
    if (!block || cursor.remaining > 0) return fail("TLS_BAD_LENGTH");
    const walked = walkExtensions(block);
    if (!walked.ok) return walked;
    extensions = walked.value;
  }
  const known = readKnown(extensions, legacyVersion);
  if (!known.ok) return known;
  const extensionTypes = extensions.map((e) => e.type);
  return ok({ legacyVersion, cipherSuites, extensionTypes, ...known.value });
}
