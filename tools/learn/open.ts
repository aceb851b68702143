/**
 * The open track: `npm run learn -- --open "<command>"`.
 *
 * Write the server your own way, in any language. This starts your
 * command with PORT set, waits until the port accepts connections, then
 * runs each chapter's wire-level tests (files that import
 * #testing/open-target.ts: real bytes over TCP, nothing else) against it,
 * in chapter order, and stops at the first failing chapter like the gate.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pc from "picocolors";
import { type Chapter, listChapters } from "../course/chapters.ts";
import { type ChapterRun, Runner } from "./gate.ts";
import { type Row, renderFailure, renderTable } from "./render.ts";

/** Test files of a chapter that run against an external server. */
export function wireTests(chapter: Chapter): string[] {
  if (!existsSync(chapter.testsDir)) return [];
  return readdirSync(chapter.testsDir)
    .filter((f) => f.endsWith(".test.ts"))
    .filter((f) =>
      readFileSync(path.join(chapter.testsDir, f), "utf8").includes("#testing/open-target.ts"),
    )
    .map((f) => path.join(chapter.testsDir, f));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Resolve once something accepts on 127.0.0.1:port; reject at the deadline. */
export async function waitForPort(
  port: number,
  timeoutMs: number,
  alive: () => boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1");
      s.once("connect", () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    if (!alive()) throw new Error("your server exited before it listened");
    if (Date.now() > deadline)
      throw new Error(`nothing listened on port ${port} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function openTrack(command: string, keepGoing: boolean): Promise<number> {
  const port = await freePort();
  console.log(pc.bold(`Open track: starting your server with PORT=${port}: ${command}`));
  const child = spawn(command, {
    shell: true,
    cwd: process.cwd(),
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  const keep = (d: Buffer): void => {
    log = (log + d.toString()).slice(-4000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });
  const stop = (): void => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, "SIGTERM"); // the shell and what it started
    } catch {
      child.kill("SIGTERM");
    }
  };
  try {
    await waitForPort(port, 30_000, () => !exited);
  } catch (err) {
    stop();
    console.error(pc.red(`✗ ${(err as Error).message}`));
    if (log.trim()) console.error(pc.dim(log.trim()));
    return 1;
  }
  const runner = new Runner({ HANDSHAKE_OPEN_TARGET: `127.0.0.1:${port}` });
  const rows: Row[] = [];
  let failed: ChapterRun | undefined;
  try {
    for (const c of listChapters()) {
      const files = wireTests(c);
      if (files.length === 0) continue;
      if (failed && !keepGoing) {
        rows.push({ chapter: c, state: "locked" });
        continue;
      }
      // The reference code everywhere: only the external server is yours.
      const run = await runner.run(c, "", files);
      const ok = run.failed === 0 && run.passed > 0;
      rows.push({ chapter: c, state: ok ? "done" : "current", run });
      if (!ok && !failed) failed = run;
    }
  } finally {
    await runner.close();
    stop();
  }
  console.log(renderTable(rows, "Handshake — open track (wire-level tests only)"));
  if (!failed) {
    console.log(pc.green(pc.bold("\nYour server passes every chapter's wire-level tests.")));
    return 0;
  }
  const f = failed.loadErrors[0] ?? failed.failures[0];
  if (f) console.log(renderFailure(failed, f, undefined, 0, { open: true }));
  if (exited && log.trim())
    console.log(pc.dim(`\nYour server exited; its last output:\n${log.trim()}`));
  return 1;
}
