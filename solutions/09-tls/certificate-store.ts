/**
 * The certificates a TLS listener serves, chosen by server name, and
 * replaced while the server runs.
 *
 * Certificates expire (every 90 days from Let's Encrypt, soon less), so a
 * server that must restart to pick up a renewed one drops its open
 * connections four times a year. Instead the store swaps pairs in place:
 * a handshake reads the pair current at that moment, so new connections
 * get the new one and open connections, whose handshake is long done,
 * never notice. A new pair that fails its checks is refused and the old
 * one stays: a broken renewal must not take the site down.
 */
import type { SecureContext } from "node:tls";
import { type KeyPair, readKeyPair } from "./key-pair.ts";
import { type NamedCertificate, pickCertificate } from "./sni.ts";

/** Where a pair comes from: two PEM files. */
export interface PairSource {
  readonly certPath: string;
  readonly keyPath: string;
}

export interface StoredCertificate extends NamedCertificate, KeyPair {
  readonly source: PairSource;
}

export type Log = (line: string) => void;

const describe = (c: StoredCertificate): string => {
  const until = c.notAfter.toISOString();
  return `${c.source.certPath} (${c.names.join(", ")}; valid until ${until})`;
};

export class CertificateStore {
  #entries: StoredCertificate[];
  readonly #log: Log;

  private constructor(entries: StoredCertificate[], log: Log) {
    this.#entries = entries;
    this.#log = log;
  }

  /**
   * Loads every pair; the first is the default. At start-up a bad pair is
   * fatal (unlike a reload): better no server than one with a hole.
   *
   * @exercise
   * @hint nudge: the same check as a reload, but a failure stops start-up.
   * @hint concept: no sources is an error; readKeyPair each; throw an Error
   *   naming the file and the reason on the first bad one; keep the source
   *   beside each pair.
   * @hint solution: if (sources.length === 0) throw new Error("tls: no
   *   certificate configured"); const entries = []; for (const source of
   *   sources) { const loaded = await readKeyPair(source.certPath,
   *   source.keyPath); if (!loaded.ok) throw new Error(`tls: cannot use
   *   ${source.certPath}: ${loaded.reason}`); entries.push({ ...loaded.pair,
   *   source }); } return new CertificateStore(entries, log).
   */
  static async load(
    sources: readonly PairSource[],
    log: Log,
  ): Promise<CertificateStore> {
    if (sources.length === 0) throw new Error("tls: no certificate configured");
    const entries: StoredCertificate[] = [];
    for (const source of sources) {
      const loaded = await readKeyPair(source.certPath, source.keyPath);
      if (!loaded.ok)
        throw new Error(`tls: cannot use ${source.certPath}: ${loaded.reason}`);
      entries.push({ ...loaded.pair, source });
    }
    return new CertificateStore(entries, log);
  }

  get entries(): readonly StoredCertificate[] {
    return this.#entries;
  }

  /** The secure context for a ClientHello's server name (SNI). */
  contextFor(serverName: string | undefined): SecureContext | undefined {
    return pickCertificate(serverName?.toLowerCase(), this.#entries)?.context;
  }

  /**
   * Reads every pair again. A pair that changed and passes its checks
   * replaces the old one; one that fails is logged and the old one kept.
   * Returns how many pairs were replaced. The new list is built aside and
   * swapped in at the end, so a handshake never sees half a reload.
   *
   * @exercise
   * @hint nudge: never change the live list while you work; build the next one
   *   and swap once.
   * @hint concept: for each entry, readKeyPair from its source; not ok: log
   *   "tls: refused new pair for <cert>: <reason>" and keep the old entry; same
   *   fingerprint: nothing changed; else put the new pair (with the same
   *   source) in its place and log "tls: reloaded …".
   * @hint solution: let replaced = 0; const next = [...this.#entries]; for
   *   (const [i, old] of this.#entries.entries()) { const loaded = await
   *   readKeyPair(old.source.certPath, old.source.keyPath); if (!loaded.ok) {
   *   this.#log(`tls: refused new pair for ${old.source.certPath}:
   *   ${loaded.reason}; …`); continue; } if (loaded.pair.fingerprint ===
   *   old.fingerprint) continue; next[i] = { ...loaded.pair, source: old.source
   *   }; this.#log(`tls: reloaded ${describe(next[i])}`); replaced++; }
   *   this.#entries = next; return replaced.
   */
  async reload(): Promise<number> {
    let replaced = 0;
    const next = [...this.#entries];
    for (const [i, old] of this.#entries.entries()) {
      const loaded = await readKeyPair(old.source.certPath, old.source.keyPath);
      if (!loaded.ok) {
        this.#log(
          `tls: refused new pair for ${old.source.certPath}: ${loaded.reason}; still serving ${old.fingerprint.slice(0, 23)}`,
        );
        continue;
      }
      if (loaded.pair.fingerprint === old.fingerprint) continue;
      next[i] = { ...loaded.pair, source: old.source };
      this.#log(`tls: reloaded ${describe(next[i] as StoredCertificate)}`);
      replaced++;
    }
    this.#entries = next;
    return replaced;
  }
}
