// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * When to reload certificates: when their files change, and on SIGHUP, the
 * signal Unix daemons reload their configuration on (nginx, Apache,
 * HAProxy). Renewal tools (certbot's deploy hooks, cert-manager) either
 * rewrite the files or send the signal; we answer both.
 */
import process from "node:process";
import { type FSWatcher, watch } from "node:fs";
import path from "node:path";
import type { CertificateStore } from "./certificate-store.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * 200 ms of quiet before reloading: a renewal writes the certificate and
 * then the key (or renames both into place); reading between the two
 * writes would see a pair that does not match.
 */
export const RELOAD_SETTLE_MS = 200;

export interface CertificateWatch {
  /** Resolves after the next reload attempt finished (for tests). */
  readonly reloaded: () => Promise<number>;
  close(): void;
}

export interface WatchOptions {
  /** Called after a reload replaced at least one pair. */
  readonly onReloaded?: (replaced: number) => void;
  readonly settleMs?: number;
  /** False: SIGHUP only (fs.watch is unreliable on network filesystems). */
  readonly watchFiles?: boolean;
}

/**
 * Watches the store's files and SIGHUP; reloads after RELOAD_SETTLE_MS
 * of quiet and calls `onReloaded` when a pair was replaced.
 *
 * @exercise
 */
export function watchCertificates(
  store: CertificateStore,
  options: WatchOptions = {},
): CertificateWatch {
  throw new NotImplemented({
    chapter: "09",
    name: "watchCertificates",
    file: "exercises/09-tls/certificate-watch.ts",
    hint: "every trigger only (re)starts a timer; the reload runs when the timer fires.",
  });
}
