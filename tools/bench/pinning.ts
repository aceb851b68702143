/**
 * Keeping the load generator off the server's CPU.
 *
 * On a small machine a load generator and a server on the same core measure
 * the scheduler, not the server. `taskset -c` pins the server to one CPU and
 * the load generator (and this process) to another, so each gets a core of
 * its own. With one CPU, or without taskset, we run unpinned and say so.
 */
import { execFileSync } from "node:child_process";

export interface PinPlan {
  /** CPU list for server processes, e.g. "0"; undefined: unpinned. */
  readonly server: string | undefined;
  /** CPU list for load generators and the bench process itself. */
  readonly load: string | undefined;
  /** One line for the report: what was pinned where, or why not. */
  readonly note: string;
}

/** Decide the pinning from the CPU count and whether taskset exists. */
export function planPinning(cpus: number, hasTaskset: boolean, wanted: boolean): PinPlan {
  if (!wanted) return { server: undefined, load: undefined, note: "unpinned (--no-pin)" };
  if (!hasTaskset) return { server: undefined, load: undefined, note: "unpinned: no taskset" };
  if (cpus < 2) return { server: undefined, load: undefined, note: "unpinned: only 1 CPU" };
  const load = cpus === 2 ? "1" : `1-${cpus - 1}`;
  return {
    server: "0",
    load,
    note: `taskset: server on CPU 0, load generator on CPU ${load} (${cpus} CPUs)`,
  };
}

/** Prefix a command with `taskset -c <cpus>` when a CPU list is given. */
export function pinned(cpus: string | undefined, argv: readonly string[]): string[] {
  return cpus === undefined ? [...argv] : ["taskset", "-c", cpus, ...argv];
}

/** Path of an executable on PATH, or undefined (the `which` of the brief). */
export function which(command: string): string | undefined {
  try {
    const out = execFileSync("which", [command], { encoding: "utf8", stdio: "pipe" });
    return out.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Move this process (all threads) onto the load generator's CPUs. */
export function pinSelf(cpus: string | undefined): void {
  if (cpus === undefined) return;
  execFileSync("taskset", ["-a", "-p", "-c", cpus, String(process.pid)], { stdio: "ignore" });
}
