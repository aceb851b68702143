/**
 * A throw-away PKI for the chapter's tests: one CA and leaf certificates
 * it signed (ECDSA P-256), written to a temporary folder. Clients trust the
 * CA (curl --cacert, undici's `ca`, openssl -CAfile), exactly as they
 * would trust a real one.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generate } from "selfsigned";

export interface TestPki {
  readonly dir: string;
  readonly caPath: string;
  readonly ca: string;
  /** Makes a leaf for these names; files `<file>-cert.pem`, `<file>-key.pem`. */
  leaf(file: string, names: readonly string[], days?: number): Promise<LeafFiles>;
}

export interface LeafFiles {
  readonly certPath: string;
  readonly keyPath: string;
  readonly cert: string;
  readonly key: string;
}

const isIp = (name: string): boolean => /^[\d.]+$/.test(name) || name.includes(":");

export async function makePki(): Promise<TestPki> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "handshake-ch09-"));
  const ca = await generate([{ name: "commonName", value: "Handshake test CA" }], {
    keyType: "ec",
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const caPath = path.join(dir, "ca.pem");
  writeFileSync(caPath, ca.cert);
  return {
    dir,
    caPath,
    ca: ca.cert,
    async leaf(file, names, days = 30) {
      const now = Date.now();
      const pems = await generate([{ name: "commonName", value: names[0] ?? file }], {
        keyType: "ec",
        algorithm: "sha256",
        notBeforeDate: new Date(now - 60_000),
        notAfterDate: new Date(now + days * 86_400_000),
        ca: { key: ca.private, cert: ca.cert },
        extensions: [
          { name: "basicConstraints", cA: false },
          { name: "keyUsage", digitalSignature: true, critical: true },
          { name: "extKeyUsage", serverAuth: true },
          {
            name: "subjectAltName",
            altNames: names.map((n) => (isIp(n) ? { type: 7, ip: n } : { type: 2, value: n })),
          },
        ],
      });
      const certPath = path.join(dir, `${file}-cert.pem`);
      const keyPath = path.join(dir, `${file}-key.pem`);
      writeFileSync(certPath, pems.cert);
      writeFileSync(keyPath, pems.private, { mode: 0o600 });
      return { certPath, keyPath, cert: pems.cert, key: pems.private };
    },
  };
}
