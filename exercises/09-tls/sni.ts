// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Choosing a certificate by the name the client asked for (server_name,
 * RFC 6066 §3). One address can serve many sites only because the client
 * names its site in the ClientHello, before the server must prove who it
 * is.
 */
import { NotImplemented } from "#course/not-implemented.ts";

/** What a certificate can be chosen by: the names it is valid for. */
export interface NamedCertificate {
  /** subjectAltName DNS names and IPs, lower-cased; may hold "*.x.y". */
  readonly names: readonly string[];
}

/**
 * True when a certificate name covers `host`. A wildcard is only ever the
 * whole left-most label and stands for exactly one label (RFC 9525 §6.3):
 * "*.example.com" covers "a.example.com", but neither "example.com" nor
 * "a.b.example.com"; "w*.example.com" and "a.*.com" cover nothing.
 * Both sides are lower-case here (DNS compares without case).
 *
 * @exercise
 */
export function hostMatches(pattern: string, host: string): boolean {
  throw new NotImplemented({
    chapter: "09",
    name: "hostMatches",
    file: "exercises/09-tls/sni.ts",
    hint: "an exact match is easy; a wildcard matches one label, so compare what follows the first dot of each side.",
  });
}

/**
 * The certificate for `serverName`: an exact name beats a wildcard (the
 * more specific certificate is the one its owner meant for this host);
 * within each kind, the first configured wins. No server name (a client
 * that sent no SNI, or one that connected to an IP address: RFC 6066 §3
 * forbids literal addresses in SNI) and a name nobody covers both get the
 * first certificate, the default; the client then checks it, and a
 * browser shows its name-mismatch warning rather than a dead connection.
 *
 * @exercise
 */
export function pickCertificate<T extends NamedCertificate>(
  serverName: string | undefined,
  entries: readonly T[],
): T | undefined {
  throw new NotImplemented({
    chapter: "09",
    name: "pickCertificate",
    file: "exercises/09-tls/sni.ts",
    hint: "two passes: exact names first, then wildcards; fall back to the first entry.",
  });
}
