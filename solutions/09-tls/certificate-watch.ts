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
 * @hint nudge: every trigger only (re)starts a timer; the reload runs when
 *   the timer fires.
 * @hint concept: a debounce on each event (a rename or SIGHUP); the reload
 *   runs once things settle, tells onReloaded when it replaced something and
 *   wakes the waiters of reloaded(); watch the folders, filtered by file name
 *   (a rename replaces the file), unless watchFiles is false.
 * @hint solution: a run that awaits store.reload, calls onReloaded if the
 *   count is above 0, then resolves and empties the waiters; a schedule that
 *   clears the timer and sets it again for settleMs. Folder watchers (unref)
 *   and SIGHUP both schedule; close clears the timer, SIGHUP and watchers.
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
