/**
 * A full garbage collection on demand, for tests that check what a
 * closed connection leaves behind: whether an object can be collected
 * while something else (a closed socket node still holds) is kept.
 *
 * V8 installs `gc` in contexts made after `--expose-gc` is set, so the
 * flag is set here and a fresh context hands the function over; the test
 * runner needs no command-line flag.
 */
import v8 from "node:v8";
import vm from "node:vm";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

/**
 * True once `ref`'s object has been collected: a few full collections,
 * a turn of the event loop between them (finalization and node's own
 * close callbacks run there), at most `rounds` of them.
 */
export async function collected(ref: WeakRef<object>, rounds = 5): Promise<boolean> {
  for (let i = 0; i < rounds; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    if (ref.deref() === undefined) return true;
  }
  return false;
}

/**
 * How much of what `churn` made and dropped a young-generation
 * collection (a scavenge) keeps, in bytes: what the old generation
 * holds after two scavenges, less what a full collection then leaves.
 * Garbage that only a full collection frees has been copied and
 * promoted on the way, the cost chapter 01's linked-list.ts is about.
 * Run `churn` so that it keeps nothing itself.
 */
function keptByScavenges(churn: () => void): number {
  gc(); // everything older than `churn` is in the old generation now
  churn();
  const minor = gc as unknown as (options: object) => void;
  // The first pass copies what it finds alive, the second promotes it.
  minor({ type: "minor", execution: "sync" });
  minor({ type: "minor", execution: "sync" });
  const before = v8.getHeapStatistics().used_heap_size;
  gc();
  return before - v8.getHeapStatistics().used_heap_size;
}

/** What a churn kept (keptOfChurn): its share, and a line that says so. */
export interface ChurnKept {
  /** Of the ballast the items carried, the part two scavenges kept. */
  readonly share: number;
  /** "6.6 MB of 13.1 MB", for a failure message. */
  readonly summary: string;
}

/**
 * Opens `count` items and closes them again, ten open at a time as under
 * load, each carrying 32 KB of JS objects (`open` gets them, keeps them
 * on its item, and returns how to close it); then measures with
 * keptByScavenges how much of that ballast two scavenges kept.
 */
export function keptOfChurn(count: number, open: (ballast: unknown[]) => () => void): ChurnKept {
  const slots = 4096; // 8 bytes each in a packed array: 32 KB
  const kept = keptByScavenges(() => {
    const closers: (() => void)[] = [];
    for (let i = 0; i < count; i++) {
      closers.push(open(new Array(slots).fill(i)));
      if (closers.length > 10) closers.shift()?.();
    }
    for (const close of closers.splice(0)) close();
  });
  const payload = count * slots * 8;
  const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
  return { share: kept / payload, summary: `${mb(kept)} MB of ${mb(payload)} MB` };
}
