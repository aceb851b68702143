// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
   */
  static async load(
    sources: readonly PairSource[],
    log: Log,
  ): Promise<CertificateStore> {
    throw new NotImplemented({
      chapter: "09",
      name: "CertificateStore.load",
      file: "exercises/09-tls/certificate-store.ts",
      hint: "the same check as a reload, but a failure stops start-up.",
    });
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
   */
  async reload(): Promise<number> {
    throw new NotImplemented({
      chapter: "09",
      name: "CertificateStore.reload",
      file: "exercises/09-tls/certificate-store.ts",
      hint: "never change the live list while you work; build the next one and swap once.",
    });
  }
}
