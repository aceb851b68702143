// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
function readLegacyFields(cursor: ByteCursor): Read<[number, number[]]> {
  throw new NotImplemented({
    chapter: "09",
    name: "readLegacyFields",
    file: "exercises/09-tls/client-hello.ts",
    hint: "five fields in a row; any one that runs past the end is a length error, checked before any content.",
  });
}

/**
 * The extensions a server reads before choosing (server_name, ALPN,
 * supported_versions), each checked by its own reader; the first error
 * wins. Without supported_versions the client speaks legacyVersion only.
 *
 * @exercise
 */
function readKnown(
  extensions: readonly Extension[],
  legacyVersion: number,
): Read<Pick<ClientHello, "serverName" | "alpn" | "versions">> {
  throw new NotImplemented({
    chapter: "09",
    name: "readKnown",
    file: "exercises/09-tls/client-hello.ts",
    hint: "dispatch on the extension type; hand each known one to its reader and stop at the first error.",
  });
}

/**
 * Parses a whole ClientHello body. The extension block is optional only
 * in the oldest hellos (RFC 5246 §7.4.1.2); when present it must fill the
 * rest of the message exactly.
 *
 * @exercise
 */
export function parseClientHello(body: Uint8Array): Read<ClientHello> {
  throw new NotImplemented({
    chapter: "09",
    name: "parseClientHello",
    file: "exercises/09-tls/client-hello.ts",
    hint: "fixed fields, then (if any bytes remain) one extension block that must end exactly where the message ends.",
  });
}
