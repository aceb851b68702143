/**
 * Timing micro-benchmarks by CPU time, not wall time.
 *
 * On a shared machine a wall-clock timer also counts the time the kernel
 * gave someone else's process, and the longer a run, the likelier it is
 * preempted: exactly the bias a "twice as long?" comparison cannot
 * afford. process.cpuUsage() counts only this process's own CPU time
 * (user + system, all threads, so the GC's work is included).
 */

/** CPU milliseconds this process used since `start`. */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export interface LoopTiming {
  readonly iterations: number;
  readonly cpuMs: number;
}

/** Refuse to spin forever if the clock never advances. */
const MAX_ITERATIONS = 50_000_000;

/**
 * Run `step` in batches until `budgetMs` of CPU time is spent; returns how
 * many steps ran and the CPU time they took.
 */
export function cpuLoop(step: () => void, budgetMs: number, batch = 200): LoopTiming {
  const start = process.cpuUsage();
  let iterations = 0;
  let cpuMs = 0;
  while (cpuMs < budgetMs && iterations < MAX_ITERATIONS) {
    for (let i = 0; i < batch; i++) step();
    iterations += batch;
    cpuMs = cpuMsSince(start);
  }
  return { iterations, cpuMs };
}
