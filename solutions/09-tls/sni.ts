/**
 * Choosing a certificate by the name the client asked for (server_name,
 * RFC 6066 §3). One address can serve many sites only because the client
 * names its site in the ClientHello, before the server must prove who it
 * is.
 */

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
 * @hint nudge: an exact match is easy; a wildcard matches one label, so compare
 *   what follows the first dot of each side.
 * @hint concept: RFC 9525 §6.3: only a pattern starting "*." is a wildcard; the
 *   host's first label must be non-empty and the rest of the host must equal
 *   the rest of the pattern; a "*" anywhere else matches nothing.
 * @hint solution: if (pattern === host) return true; if
 *   (!pattern.startsWith("*.")) return false; const dot = host.indexOf(".");
 *   return dot > 0 && host.slice(dot) === pattern.slice(1).
 */
export function hostMatches(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  if (!pattern.startsWith("*.")) return false;
  const dot = host.indexOf(".");
  return dot > 0 && host.slice(dot) === pattern.slice(1);
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
 * @hint nudge: two passes: exact names first, then wildcards; fall back to the
 *   first entry.
 * @hint concept: undefined or no match: entries[0]; look for an entry that
 *   lists serverName exactly; failing that, one with a wildcard name
 *   hostMatches accepts.
 * @hint solution: if (serverName === undefined) return entries[0]; return
 *   entries.find((e) => e.names.includes(serverName)) ?? entries.find((e) =>
 *   e.names.some((n) => n.startsWith("*.") && hostMatches(n, serverName))) ??
 *   entries[0].
 */
export function pickCertificate<T extends NamedCertificate>(
  serverName: string | undefined,
  entries: readonly T[],
): T | undefined {
  if (serverName === undefined) return entries[0];
  const exact = entries.find((e) => e.names.includes(serverName));
  if (exact) return exact;
  const wildcard = (e: T): boolean =>
    e.names.some((n) => n.startsWith("*.") && hostMatches(n, serverName));
  return entries.find(wildcard) ?? entries[0];
}
