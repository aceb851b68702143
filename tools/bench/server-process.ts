/**
 * A server under test, run as a child process.
 *
 * Servers run in their own process so their memory can be read from
 * /proc/PID/status and their CPU pinned apart from the load generator.
 * `taskset` execs the command, so the child's pid is the server's own.
 * Every wait is bounded: a server that never listens fails its scenario
 * with the tail of its output instead of hanging the run.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import { pinned } from "./pinning.ts";

/** tsx compiles on start-up; a cold start on a busy machine takes seconds. */
export const READY_TIMEOUT_MS = 20_000;
/** Grace for a clean exit after SIGTERM before SIGKILL. */
export const STOP_TIMEOUT_MS = 3_000;
/** How often to retry connecting while a server starts. */
const READY_POLL_MS = 100;
/** Bytes of the child's output kept for error messages. */
const OUTPUT_TAIL_BYTES = 2_000;

export interface ServerSpec {
  /** Name in tables: "ours", "node:http", "bare node:net". */
  readonly name: string;
  /** argv with "{port}" placeholders; argv[0] is the executable. */
  readonly argv: readonly string[];
  /** Working directory (the repository root, for tsx and imports). */
  readonly cwd: string;
  /** Extra environment variables for the server. */
  readonly env?: Readonly<Record<string, string>>;
}

const live = new Set<ChildProcess>();

/** Kill every server still running; for exit and Ctrl-C. */
export function killAllServers(): void {
  for (const child of live) child.kill("SIGKILL");
  live.clear();
}

/** Ask the kernel for a free loopback port (bind 0, read it, release it). */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function canConnect(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    s.setTimeout(1_000, () => s.destroy());
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
    s.once("close", () => resolve(false));
  });
}

/** Resident set size of a process in bytes, from /proc; undefined if gone. */
export function readRss(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  } catch {
    return undefined;
  }
}

/** Kernel clock ticks per second, the unit of /proc/PID/stat CPU times. */
const CLOCK_TICKS = ((): number => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The fields of /proc/PID/stat after the parenthesised command name. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/**
 * Milliseconds of CPU in the tick fields `from` to `to` of /proc/PID/stat,
 * counted after the parenthesised command name, which may itself contain
 * spaces. Undefined once the process is gone.
 */
function statCpuMs(pid: number, from: number, to: number): number | undefined {
  const fields = statFields(pid);
  if (fields === undefined) return undefined;
  let ticks = 0;
  for (let i = from; i <= to; i++) ticks += Number(fields[i]);
  return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS : undefined;
}

/**
 * CPU time (user + system) a process has used, in ms (fields 14 and 15 of
 * /proc/PID/stat), plus that of its children it has waited for (fields 16
 * and 17).
 */
export function readCpuMs(pid: number): number | undefined {
  return statCpuMs(pid, 11, 14);
}

/**
 * CPU time (user + system), in ms, of the children `pid` has waited for
 * (fields 16 and 17 of /proc/PID/stat): read on the bench itself around a
 * load tool's run, the tool's own CPU time once it has exited.
 */
export function childrenCpuMs(pid: number): number | undefined {
  return statCpuMs(pid, 13, 14);
}

/**
 * Every live descendant of `pid`, by parent pid (field 4 of /proc/PID/stat).
 * nginx does its work in worker processes the master forks: timing the
 * master alone would credit nginx with almost no CPU per request.
 */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = Number(statFields(Number(entry))?.[1]);
    if (!Number.isFinite(parent)) continue;
    const list = children.get(parent) ?? [];
    list.push(Number(entry));
    children.set(parent, list);
  }
  const out: number[] = [];
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    out.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return out;
}

/** CPU ms of a process and all its live descendants (nginx's workers). */
export function readTreeCpuMs(pid: number): number | undefined {
  const own = readCpuMs(pid);
  if (own === undefined) return undefined;
  let total = own;
  for (const child of descendants(pid)) total += readCpuMs(child) ?? 0;
  return total;
}

export class ServerProcess {
  readonly name: string;
  readonly port: number;
  readonly host: string;
  #child: ChildProcess;
  #output = "";
  #exited = false;

  private constructor(name: string, host: string, port: number, child: ChildProcess) {
    this.name = name;
    this.host = host;
    this.port = port;
    this.#child = child;
    const keep = (d: Buffer): void => {
      this.#output = (this.#output + d.toString("utf8")).slice(-OUTPUT_TAIL_BYTES);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.once("exit", () => {
      this.#exited = true;
      live.delete(child);
    });
  }

  /** Start a server on a free port and wait until it accepts connections. */
  static async start(spec: ServerSpec, cpus: string | undefined, host = "127.0.0.1") {
    const port = await freePort(host);
    const argv = pinned(
      cpus,
      spec.argv.map((a) => a.replaceAll("{port}", String(port)).replaceAll("{host}", host)),
    );
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    live.add(child);
    const server = new ServerProcess(spec.name, host, port, child);
    await server.#waitReady();
    return server;
  }

  async #waitReady(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.#exited) throw new Error(`${this.name} exited early:\n${this.#output}`);
      if (await canConnect(this.port, this.host)) return;
      await new Promise((r) => setTimeout(r, READY_POLL_MS));
    }
    await this.stop();
    throw new Error(`${this.name} not listening after ${READY_TIMEOUT_MS} ms:\n${this.#output}`);
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  /** Current RSS in bytes; undefined once the process has exited. */
  rss(): number | undefined {
    return this.#exited ? undefined : readRss(this.pid);
  }

  /**
   * CPU time used so far in ms by the server and every process it forked
   * (nginx's workers); undefined once the process has exited.
   */
  cpuMs(): number | undefined {
    return this.#exited ? undefined : readTreeCpuMs(this.pid);
  }

  url(path: string): string {
    return `http://${this.host}:${this.port}${path}`;
  }

  /** SIGTERM, then SIGKILL after STOP_TIMEOUT_MS. */
  async stop(): Promise<void> {
    if (this.#exited) return;
    const exited = new Promise<void>((r) => this.#child.once("exit", () => r()));
    this.#child.kill("SIGTERM");
    const timer = setTimeout(() => this.#child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * Sample a value every `intervalMs` until stopped; returns the maximum.
 * Used for the server's peak RSS during a run.
 */
export function samplePeak(read: () => number | undefined, intervalMs = 200) {
  let peak: number | undefined;
  const take = (): void => {
    const v = read();
    if (v !== undefined && (peak === undefined || v > peak)) peak = v;
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop(): number | undefined {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}
