/**
 * A certificate and its private key, checked before anything is served
 * with them. A pair is loaded at start-up and again on every reload, and
 * a reload must be able to say no: a key that does not match, a file cut
 * in half by an editor, a certificate that has expired. Each is a reason,
 * not an exception.
 */
import type { Buffer } from "node:buffer";
import { readFile } from "node:fs/promises";
import { createSecureContext, type SecureContext } from "node:tls";
import { X509Certificate } from "node:crypto";
import { TLS_PROFILE } from "./tls-profile.ts";

export interface KeyPair {
  readonly context: SecureContext;
  /** DNS names and IP addresses from subjectAltName (RFC 5280 §4.2.1.6). */
  readonly names: readonly string[];
  readonly notAfter: Date;
  /** SHA-256 fingerprint, for log lines. */
  readonly fingerprint: string;
  /** The PEM files' contents, for node's default (no-SNI) context. */
  readonly pem: {
    readonly cert: Buffer | string;
    readonly key: Buffer | string;
  };
}

export type LoadedPair =
  | { readonly ok: true; readonly pair: KeyPair }
  | { readonly ok: false; readonly reason: string };

/**
 * The DNS names and IP addresses a certificate is valid for, lower-cased.
 * node prints subjectAltName as "DNS:a.test, IP Address:127.0.0.1".
 *
 * @exercise
 * @hint nudge: split the printed list, keep the two kinds a server name can
 *   match.
 * @hint concept: RFC 5280 §4.2.1.6: a subjectAltName holds dNSName and
 *   iPAddress entries among others; node prints them as "DNS:…" and
 *   "IP Address:…", separated by ", ". Email and URI names are not hosts.
 * @hint solution: the certificate's subjectAltName (or empty) split on ", ";
 *   keep the entries with either prefix, the part after it lower-cased, and
 *   drop the rest: one regular expression with a capture does both.
 */
export function subjectAltNames(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? "")
    .split(", ")
    .map((entry) => /^(?:DNS|IP Address):(.+)$/.exec(entry)?.[1]?.toLowerCase())
    .filter((name): name is string => name !== undefined);
}

/**
 * Checks a PEM certificate and key and builds their secure context. Each
 * failure becomes a reason a log line can show: the certificate does not
 * parse, it has expired (at `now`), or the key does not fit it.
 *
 * @exercise
 * @hint nudge: three checks in order, each turned from an exception into a
 *   reason.
 * @hint concept: RFC 5280 §4.1.2.5: a certificate is valid only up to its
 *   notAfter. Parse (X509Certificate), then the date against now, then
 *   createSecureContext with TLS_PROFILE, which throws when the key does not
 *   match the certificate.
 * @hint solution: each failure is ok false with a reason: "certificate does
 *   not parse: …", "certificate expired on <validTo>", "key does not fit the
 *   certificate: …". Success carries the context, subjectAltNames, notAfter,
 *   fingerprint256 and both PEMs.
 */
export function loadKeyPair(
  cert: string | Buffer,
  key: string | Buffer,
  now = new Date(),
): LoadedPair {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (err) {
    return {
      ok: false,
      reason: `certificate does not parse: ${(err as Error).message}`,
    };
  }
  const notAfter = new Date(x509.validTo);
  if (notAfter <= now)
    return { ok: false, reason: `certificate expired on ${x509.validTo}` };
  try {
    const context = createSecureContext({ ...TLS_PROFILE, cert, key });
    // createSecureContext already refuses a key that does not match.
    const names = subjectAltNames(x509);
    return {
      ok: true,
      pair: {
        context,
        names,
        notAfter,
        fingerprint: x509.fingerprint256,
        pem: { cert, key },
      },
    };
  } catch (err) {
    return {
      ok: false,
      reason: `key does not fit the certificate: ${(err as Error).message}`,
    };
  }
}

/**
 * Reads and checks a pair of PEM files; a file that cannot be read is a
 * reason like any other (a renewal may be half-way through a rename).
 *
 * @exercise
 * @hint nudge: read both files, then hand them to loadKeyPair.
 * @hint concept: both reads at once (Promise.all), inside a try: a missing or
 *   unreadable file is a reason to refuse, like a bad certificate.
 * @hint solution: await the two readFile calls together; if either throws,
 *   answer ok false with the error's message as the reason. Otherwise pass
 *   the two buffers, certificate first, to loadKeyPair and return its answer.
 */
export async function readKeyPair(
  certPath: string,
  keyPath: string,
): Promise<LoadedPair> {
  let files: [Buffer, Buffer];
  try {
    files = await Promise.all([readFile(certPath), readFile(keyPath)]);
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
  return loadKeyPair(...files);
}
