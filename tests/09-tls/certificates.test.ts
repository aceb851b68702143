/**
 * Certificates: choosing one by name (exercises), checking a pair, the
 * development certificate, and reloading without a restart while open
 * connections keep the pair they started with.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { watchCertificates } from "#ch09/certificate-watch.ts";
import { devCertificate } from "#ch09/dev-certificate.ts";
import { loadKeyPair } from "#ch09/key-pair.ts";
import { hostMatches, pickCertificate } from "#ch09/sni.ts";
import { expectTrue } from "#testing/wire.ts";
import { makePki, type TestPki } from "./pki.ts";
import { startTlsServer } from "./tls-server.ts";

const BOOK = "chapters/09-tls.md";
let pki: TestPki;
beforeAll(async () => {
  pki = await makePki();
});

describe("hostMatches (RFC 9525 §6.3)", () => {
  test.each([
    ["example.test", "example.test", true],
    ["*.example.test", "a.example.test", true],
    ["*.example.test", "example.test", false],
    ["*.example.test", "a.b.example.test", false],
    ["*.example.test", ".example.test", false],
    ["w*.example.test", "www.example.test", false],
    ["a.*.test", "a.b.test", false],
    ["*.example.test", "a.example.testing", false],
  ])("%s covers %s: %s", (pattern, host, expected) => {
    expectTrue(
      hostMatches(pattern, host) === expected,
      `hostMatches(${pattern}, ${host}) !== ${expected}`,
      {
        rule: "RFC 9525 §6.3: a wildcard is the whole left-most label and matches one label",
        book: `${BOOK}#one-address-many-names-sni`,
      },
    );
  });
});

describe("pickCertificate", () => {
  const def = { id: "default", names: ["localhost"] };
  const wild = { id: "wild", names: ["*.example.test"] };
  const api = { id: "api", names: ["api.example.test"] };
  const entries = [def, wild, api];
  test.each([
    [undefined, "default"],
    ["localhost", "default"],
    ["api.example.test", "api"],
    ["www.example.test", "wild"],
    ["a.b.example.test", "default"],
    ["unknown.test", "default"],
  ])("%s -> %s (exact beats wildcard; no SNI or no match: the default)", (name, id) => {
    expect(pickCertificate(name, entries)?.id).toBe(id);
  });
  test("nothing configured, nothing picked", () => {
    expect(pickCertificate("a.test", [])).toBeUndefined();
  });
});

describe("loadKeyPair", () => {
  test("a good pair: names, expiry, a context", async () => {
    const leaf = await pki.leaf("good", ["good.test", "127.0.0.1"]);
    const r = loadKeyPair(leaf.cert, leaf.key);
    expect(r.ok && r.pair.names).toEqual(["good.test", "127.0.0.1"]);
  });
  test("a key of another pair, garbage and an expired certificate are refused with a reason", async () => {
    const a = await pki.leaf("a", ["a.test"]);
    const b = await pki.leaf("b", ["b.test"]);
    const mismatch = loadKeyPair(a.cert, b.key);
    expect(!mismatch.ok && mismatch.reason).toMatch(/key does not fit/);
    const garbage = loadKeyPair("not a pem", a.key);
    expect(!garbage.ok && garbage.reason).toMatch(/does not parse/);
    const later = new Date(Date.now() + 365 * 86_400_000);
    const expired = loadKeyPair(a.cert, a.key, later);
    expect(!expired.ok && expired.reason).toMatch(/expired/);
  });
});

describe("the development certificate", () => {
  test("made once for localhost, 127.0.0.1 and ::1, then reused from the cache", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "handshake-dev-"));
    const first = await devCertificate(dir);
    expect(first.created).toBe(true);
    const cert = new X509Certificate(readFileSync(first.certPath));
    expect(cert.subjectAltName).toMatch(
      /DNS:localhost, IP Address:127\.0\.0\.1, IP Address:0:0:0:0:0:0:0:1/i,
    );
    const again = await devCertificate(dir);
    expect(again.created).toBe(false);
    const nearExpiry = new Date(Date.now() + 390 * 86_400_000);
    expect((await devCertificate(dir, nearExpiry)).created).toBe(true);
  });
});

/** The fingerprint a fresh connection is shown. */
function servedFingerprint(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = tls.connect({ port, host: "127.0.0.1", ca: pki.ca, servername: "localhost" }, () => {
      resolve(s.getPeerX509Certificate()?.fingerprint256 ?? "");
      s.end();
    });
    s.on("error", reject);
  });
}

describe("reloading without a restart", () => {
  const dir = () => path.dirname(pki.caPath);
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup) await c();
  });

  test("new files: new connections get the new pair, an open one keeps working; a broken pair is refused", async () => {
    const v1 = await pki.leaf("v1", ["localhost"]);
    const v2 = await pki.leaf("v2", ["localhost"]);
    const live = {
      certPath: path.join(dir(), "live-cert.pem"),
      keyPath: path.join(dir(), "live-key.pem"),
    };
    copyFileSync(v1.certPath, live.certPath);
    copyFileSync(v1.keyPath, live.keyPath);
    const server = await startTlsServer([live]);
    const watch = watchCertificates(server.store, {
      onReloaded: () => server.listening.refreshDefault(),
      settleMs: 50,
    });
    cleanup.push(async () => {
      watch.close();
      await server.close();
    });
    const fp = (pem: string) => new X509Certificate(pem).fingerprint256;
    expect(await servedFingerprint(server.port)).toBe(fp(v1.cert));
    const open = tls.connect({
      port: server.port,
      host: "127.0.0.1",
      ca: pki.ca,
      servername: "localhost",
    });
    await new Promise((r) => open.once("secureConnect", r));

    const reloaded = watch.reloaded();
    writeFileSync(live.keyPath, v2.key);
    writeFileSync(live.certPath, v2.cert);
    expect(await reloaded).toBe(1);
    expect(await servedFingerprint(server.port)).toBe(fp(v2.cert));
    expect(server.logged.some((l) => /^tls: reloaded .*live-cert\.pem/.test(l))).toBe(true);

    const answer = new Promise<string>((resolve) => {
      let text = "";
      open.on("data", (d: Buffer) => (text += d.toString()));
      open.on("close", () => resolve(text));
    });
    open.end("GET /still HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(await answer).toMatch(/secure=true GET \/still/);

    const refused = watch.reloaded();
    writeFileSync(live.keyPath, v1.key); // the key of another certificate
    expect(await refused).toBe(0);
    expectTrue(
      server.logged.some((l) =>
        /^tls: refused new pair for .*live-cert\.pem: key does not fit/.test(l),
      ),
      `log: ${server.logged.join(" | ")}`,
      {
        rule: "a broken new pair is refused with a clear log line and the old one kept",
        book: `${BOOK}#reloading-certificates-without-a-restart`,
      },
    );
    expect(await servedFingerprint(server.port)).toBe(fp(v2.cert));
  });

  test("SIGHUP reloads (file watching off)", async () => {
    const v1 = await pki.leaf("h1", ["localhost"]);
    const v2 = await pki.leaf("h2", ["localhost"]);
    const live = {
      certPath: path.join(pki.dir, "hup-cert.pem"),
      keyPath: path.join(pki.dir, "hup-key.pem"),
    };
    writeFileSync(live.certPath, v1.cert);
    writeFileSync(live.keyPath, v1.key);
    const server = await startTlsServer([live]);
    const hup = watchCertificates(server.store, {
      onReloaded: () => server.listening.refreshDefault(),
      settleMs: 50,
      watchFiles: false,
    });
    cleanup.push(async () => {
      hup.close();
      await server.close();
    });
    const done = hup.reloaded();
    writeFileSync(live.certPath, v2.cert);
    writeFileSync(live.keyPath, v2.key);
    process.kill(process.pid, "SIGHUP");
    expect(await done).toBe(1);
    expect(await servedFingerprint(server.port)).toBe(new X509Certificate(v2.cert).fingerprint256);
  });
});

describe("listening on IPv6 and dual stack", () => {
  test("::1 serves over TLS", async () => {
    const local = await pki.leaf("v6", ["localhost", "::1"]);
    const server = await startTlsServer([local], { host: "::1" });
    try {
      const got = await new Promise<boolean>((resolve, reject) => {
        const s = tls.connect({ port: server.port, host: "::1", ca: pki.ca }, () => {
          resolve(s.authorized);
          s.end();
        });
        s.on("error", reject);
      });
      expect(got).toBe(true);
    } finally {
      await server.close();
    }
  });
  test(":: accepts on 127.0.0.1 and on ::1", async () => {
    const local = await pki.leaf("dual", ["localhost", "127.0.0.1", "::1"]);
    const server = await startTlsServer([local], { host: "::" });
    try {
      for (const host of ["127.0.0.1", "::1"]) {
        const ok = await new Promise<boolean>((resolve, reject) => {
          const s = tls.connect({ port: server.port, host, ca: pki.ca }, () => {
            resolve(s.authorized);
            s.end();
          });
          s.on("error", reject);
        });
        expect(ok, host).toBe(true);
      }
    } finally {
      await server.close();
    }
  });
});
