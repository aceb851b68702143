/**
 * When to reload certificates: when their files change, and on SIGHUP, the
 * signal Unix daemons reload their configuration on (nginx, Apache,
 * HAProxy). Renewal tools (certbot's deploy hooks, cert-manager) either
 * rewrite the files or send the signal; we answer both.
 */
import { type FSWatcher, watch } from "node:fs";
import path from "node:path";
import type { CertificateStore } from "./certificate-store.ts";

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
 * @hint nudge: every trigger only (re)starts a timer; the reload runs when the
 *   timer fires.
 * @hint concept: a debounce: clearTimeout + setTimeout(run, settleMs) on each
 *   event; run awaits store.reload(), calls onReloaded when it replaced
 *   something and resolves the waiters of reloaded(); watch each certificate
 *   folder (a rename replaces the file), filtered by file name, unless
 *   watchFiles is false; process.on("SIGHUP", schedule); close undoes all
 *   three.
 * @hint solution: let timer; let waiters = []; const run = async () => { const
 *   n = await store.reload(); if (n > 0) onReloaded?.(n); const done = waiters;
 *   waiters = []; for (const w of done) w(n); }; const schedule = () => {
 *   clearTimeout(timer); timer = setTimeout(() => void run(), settleMs); };
 *   build dirs and names from store.entries' paths; const watchers =
 *   (watchFiles ? [...dirs] : []).map((dir) => watch(dir, (_e, name) => { if
 *   (name && names.has(name.toString())) schedule(); }).unref());
 *   process.on("SIGHUP", schedule); return { reloaded: () => new Promise((r) =>
 *   waiters.push(r)), close: () => { clearTimeout(timer); process.off("SIGHUP",
 *   schedule); for (const w of watchers) w.close(); } }.
 */
export function watchCertificates(
  store: CertificateStore,
  options: WatchOptions = {},
): CertificateWatch {
  const {
    onReloaded,
    settleMs = RELOAD_SETTLE_MS,
    watchFiles = true,
  } = options;
  let timer: NodeJS.Timeout | undefined;
  let waiters: ((n: number) => void)[] = [];
  const run = async (): Promise<void> => {
    const n = await store.reload();
    if (n > 0) onReloaded?.(n);
    const done = waiters;
    waiters = [];
    for (const w of done) w(n);
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), settleMs);
  };
  // Watch folders, not files: a file replaced by rename loses its watch.
  const files = store.entries.flatMap((e) => [
    e.source.certPath,
    e.source.keyPath,
  ]);
  const dirs = new Set(files.map((f) => path.dirname(path.resolve(f))));
  const names = new Set(files.map((f) => path.basename(f)));
  const watchers: FSWatcher[] = [...(watchFiles ? dirs : [])].map((dir) =>
    watch(dir, (_event, name) => {
      if (name && names.has(name.toString())) schedule();
    }).unref(),
  );
  process.on("SIGHUP", schedule);
  return {
    reloaded: () => new Promise((resolve) => waiters.push(resolve)),
    close: () => {
      clearTimeout(timer);
      process.off("SIGHUP", schedule);
      for (const w of watchers) w.close();
    },
  };
}
