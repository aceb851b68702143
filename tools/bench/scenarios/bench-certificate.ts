/**
 * A throwaway certificate for the TLS and HTTP/2 scenarios: an EC P-256 key
 * for localhost and 127.0.0.1 (the same pair for ours and the Node peer, so
 * both do the same cryptography), written to a temporary folder, with an
 * empty static root beside it (so chapter 06 serves no files and does not
 * build the book).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generate } from "selfsigned";

export interface BenchFiles {
  readonly cert: string;
  readonly key: string;
  /** An empty folder, the static root ours serves. */
  readonly dir: string;
}

export async function benchCertificate(prefix: string): Promise<BenchFiles> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `handshake-bench-${prefix}-`));
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keyType: "ec",
    algorithm: "sha256",
    extensions: [{ name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] }],
  });
  const cert = path.join(dir, "cert.pem");
  const key = path.join(dir, "key.pem");
  writeFileSync(cert, pems.cert);
  writeFileSync(key, pems.private);
  const root = path.join(dir, "static");
  mkdirSync(root);
  return { cert, key, dir: root };
}
