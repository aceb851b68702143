/**
 * A development certificate for localhost, 127.0.0.1 and ::1, made once
 * and cached outside the repository (a private key never belongs in git).
 *
 * It is self-signed: no certificate authority, so no client trusts it
 * until told to. `trustHint` prints how. The key is ECDSA P-256: a
 * signature per full handshake costs a fraction of an RSA-2048 one.
 */
import process from "node:process";
import { existsSync, mkdirSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadKeyPair } from "./key-pair.ts";

/** The names a development certificate is valid for. */
export const DEV_NAMES = ["localhost", "127.0.0.1", "::1"] as const;

/** 397 days: the longest validity browsers accept (CA/B Forum, 2020). */
export const DEV_CERT_DAYS = 397;

/** 30 days before it expires, a cached certificate is made again. */
const RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;

/** $XDG_CACHE_HOME/handshake, ~/.cache/handshake, or the temp folder. */
export function certificateCacheDir(
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, "handshake");
  const home = os.homedir();
  if (home && existsSync(home)) return path.join(home, ".cache", "handshake");
  return path.join(os.tmpdir(), "handshake");
}

export interface DevCertificate {
  readonly certPath: string;
  readonly keyPath: string;
  /** True when made now; false when the cached one was still good. */
  readonly created: boolean;
}

/**
 * Makes (or reuses) the development certificate in `dir`. A cached pair
 * is reused while it still passes loadKeyPair 30 days from now; else a
 * new one is made: ECDSA P-256, not a CA, for serverAuth, naming
 * DEV_NAMES, valid DEV_CERT_DAYS. The key file is private to the user.
 *
 * @exercise
 * @hint nudge: read the cached pair first; make a new one only when it is
 *   missing or about to expire.
 * @hint concept: reuse a pair that loadKeyPair accepts as of now + 30 days
 *   (RENEW_BEFORE_MS). A new one: a P-256 EC key, SHA-256, a server
 *   certificate (RFC 5280 §4.2.1.9 cA false, §4.2.1.3 digitalSignature,
 *   §4.2.1.12 serverAuth) naming localhost, 127.0.0.1, ::1 (§4.2.1.6).
 * @hint solution: both files read together, any failure meaning none; reuse
 *   (created false) if they load as of the renewal date. Else selfsigned's
 *   generate with those options, valid from a minute ago for DEV_CERT_DAYS;
 *   the folder made 0o700, the key written 0o600, then the cert; created true.
 */
export async function devCertificate(
  dir = certificateCacheDir(),
  now = new Date(),
): Promise<DevCertificate> {
  const certPath = path.join(dir, "dev-cert.pem");
  const keyPath = path.join(dir, "dev-key.pem");
  const cached = await Promise.all([
    readFile(certPath),
    readFile(keyPath),
  ]).catch(() => undefined);
  if (cached) {
    const soon = new Date(now.getTime() + RENEW_BEFORE_MS);
    if (loadKeyPair(...cached, soon).ok)
      return { certPath, keyPath, created: false };
  }
  // Imported here, not at the top: selfsigned and its X.509 libraries are
  // a third of the bundle, and a server with its own certificate (or none)
  // should not hold them in memory (chapter 13, How fast).
  const { generate } = await import("selfsigned");
  const pems = await generate(
    [{ name: "commonName", value: "Handshake development" }],
    {
      keyType: "ec",
      curve: "P-256",
      algorithm: "sha256",
      notBeforeDate: new Date(now.getTime() - 60_000), // tolerate clock skew
      notAfterDate: new Date(now.getTime() + DEV_CERT_DAYS * 86_400_000),
      extensions: [
        { name: "basicConstraints", cA: false },
        { name: "keyUsage", digitalSignature: true, critical: true },
        { name: "extKeyUsage", serverAuth: true },
        {
          name: "subjectAltName",
          altNames: [
            { type: 2, value: "localhost" },
            { type: 7, ip: "127.0.0.1" },
            { type: 7, ip: "::1" },
          ],
        },
      ],
    },
  );
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  await writeFile(keyPath, pems.private, { mode: 0o600 });
  await writeFile(certPath, pems.cert);
  return { certPath, keyPath, created: true };
}

/** How to make clients trust the development certificate, line by line. */
export function trustHint(certPath: string, port = 8443): string[] {
  return [
    `tls: development certificate ${certPath} (localhost, 127.0.0.1, ::1)`,
    `  curl:     curl --cacert ${certPath} https://localhost:${port}/`,
    `  node:     NODE_EXTRA_CA_CERTS=${certPath} node …`,
    `  Debian:   sudo cp ${certPath} /usr/local/share/ca-certificates/handshake-dev.crt && sudo update-ca-certificates`,
    `  macOS:    security add-trusted-cert -r trustRoot -k ~/Library/Keychains/login.keychain-db ${certPath}`,
    `  Chromium/Firefox on Linux: certutil -d sql:$HOME/.pki/nssdb -A -t "P,," -n handshake-dev -i ${certPath}`,
  ];
}
