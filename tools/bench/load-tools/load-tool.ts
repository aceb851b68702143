/**
 * One interface for every load generator.
 *
 * autocannon (always installed: a devDependency), wrk and h2load (when on
 * PATH) each turn a LoadRun into a command line and parse what it prints
 * into a LoadResult. The runner pins the tool to the load CPU, bounds its
 * time and hands back the result; adding a tool is one file.
 */
import { spawn } from "node:child_process";
import type { LoadResult } from "../measurement.ts";
import { pinned } from "../pinning.ts";

export interface LoadRun {
  readonly url: string;
  readonly connections: number;
  /** Requests in flight per connection; 1 is plain keep-alive. */
  readonly pipelining: number;
  readonly durationSec: number;
  /** Extra request fields, e.g. a browser's Accept-Encoding. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface LoadTool {
  readonly name: string;
  /** False when the tool is not installed; the scenario skips it. */
  available(): boolean;
  /** Whether the tool can keep more than one request in flight. */
  readonly pipelines: boolean;
  command(run: LoadRun): string[];
  parse(stdout: string): LoadResult;
}

/** Time for a tool to start and report beyond the run itself. */
export const TOOL_GRACE_MS = 15_000;

/** Run a tool, pinned, and parse its output; rejects on a bad exit or timeout. */
export function runLoad(tool: LoadTool, run: LoadRun, cpus: string | undefined) {
  const argv = pinned(cpus, tool.command(run));
  return new Promise<LoadResult>((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString("utf8");
    });
    child.stderr.on("data", (d: Buffer) => {
      err = (err + d.toString("utf8")).slice(-2_000);
    });
    const limit = run.durationSec * 1000 + TOOL_GRACE_MS;
    const timer = setTimeout(() => child.kill("SIGKILL"), limit);
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`${tool.name} exited ${code ?? signal}: ${err.trim()}`));
        return;
      }
      try {
        resolve(tool.parse(out));
      } catch (e) {
        reject(new Error(`${tool.name}: ${(e as Error).message}\n${out.slice(0, 500)}`));
      }
    });
  });
}
