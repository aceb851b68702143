// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export async function devCertificate(
  dir = certificateCacheDir(),
  now = new Date(),
): Promise<DevCertificate> {
  throw new NotImplemented({
    chapter: "09",
    name: "devCertificate",
    file: "exercises/09-tls/dev-certificate.ts",
    hint: "read the cached pair first; make a new one only when it is missing or about to expire.",
  });
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
