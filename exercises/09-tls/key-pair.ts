// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function subjectAltNames(cert: X509Certificate): string[] {
  throw new NotImplemented({
    chapter: "09",
    name: "subjectAltNames",
    file: "exercises/09-tls/key-pair.ts",
    hint: "split the printed list, keep the two kinds a server name can match.",
  });
}

/**
 * Checks a PEM certificate and key and builds their secure context. Each
 * failure becomes a reason a log line can show: the certificate does not
 * parse, it has expired (at `now`), or the key does not fit it.
 *
 * @exercise
 */
export function loadKeyPair(
  cert: string | Buffer,
  key: string | Buffer,
  now = new Date(),
): LoadedPair {
  throw new NotImplemented({
    chapter: "09",
    name: "loadKeyPair",
    file: "exercises/09-tls/key-pair.ts",
    hint: "three checks in order, each turned from an exception into a reason.",
  });
}

/**
 * Reads and checks a pair of PEM files; a file that cannot be read is a
 * reason like any other (a renewal may be half-way through a rename).
 *
 * @exercise
 */
export async function readKeyPair(
  certPath: string,
  keyPath: string,
): Promise<LoadedPair> {
  throw new NotImplemented({
    chapter: "09",
    name: "readKeyPair",
    file: "exercises/09-tls/key-pair.ts",
    hint: "read both files, then hand them to loadKeyPair.",
  });
}
