/**
 * The open track: `npm run learn -- --open "<command>"`.
 *
 * Write the server your own way, in any language. For each chapter this
 * starts your command with PORT (where to listen) and CHAPTER ("01".."NN",
 * which behaviour the tests expect) set, waits until the port accepts
 * connections, runs the chapter's wire-level tests (files that import
 * #testing/open-target.ts: real bytes over TCP, nothing else) against it,
 * and stops it. Chapters go in order and the first failing one stops the
 * run, as in the gate (--keep-going runs them all).
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

interface Started {
  readonly port: number;
  readonly log: () => string;
  readonly exited: () => boolean;
  stop(): Promise<void>;
}

/** Start the learner's command with PORT and CHAPTER set; wait for the port. */
async function startTheirs(command: string, chapter: Chapter): Promise<Started> {
  const port = await freePort();
  const child = spawn(command, {
    shell: true,
    cwd: process.cwd(),
    env: { ...process.env, PORT: String(port), CHAPTER: chapter.number },
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
  const gone = new Promise<void>((resolve) => {
    child.on("exit", () => {
      exited = true;
      resolve();
    });
  });
  const started: Started = {
    port,
    log: () => log,
    exited: () => exited,
    stop: async () => {
      if (exited || child.pid === undefined) return;
      try {
        process.kill(-child.pid, "SIGTERM"); // the shell and what it started
      } catch {
        child.kill("SIGTERM");
      }
      const t = setTimeout(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
        } catch {}
      }, 3000);
      await gone;
      clearTimeout(t);
    },
  };
  try {
    await waitForPort(port, 30_000, () => !exited);
  } catch (err) {
    await started.stop();
    throw new Error(`${(err as Error).message}${log.trim() ? `\n${log.trim()}` : ""}`);
  }
  return started;
}

export async function openTrack(command: string, keepGoing: boolean): Promise<number> {
  console.log(pc.bold(`Open track: your server, started per chapter with PORT and CHAPTER set:`));
  console.log(pc.dim(`  ${command}\n`));
  const rows: Row[] = [];
  let failed: ChapterRun | undefined;
  let lastLog = "";
  for (const c of listChapters()) {
    const files = wireTests(c);
    if (files.length === 0) continue;
    if (failed && !keepGoing) {
      rows.push({ chapter: c, state: "locked" });
      continue;
    }
    if (process.stdout.isTTY) process.stdout.write(pc.dim(`\r\x1b[K  chapter ${c.number}…`));
    let theirs: Started;
    try {
      theirs = await startTheirs(command, c);
    } catch (err) {
      const run: ChapterRun = {
        chapter: c,
        passed: 0,
        failed: 1,
        failures: [],
        loadErrors: [
          { file: command, name: "starting your server", message: (err as Error).message },
        ],
      };
      rows.push({ chapter: c, state: "current", run });
      failed ??= run;
      continue;
    }
    // The reference code everywhere else: only the server on the wire is yours.
    const runner = new Runner({ HANDSHAKE_OPEN_TARGET: `127.0.0.1:${theirs.port}` });
    try {
      const run = await runner.run(c, "", files);
      const ok = run.failed === 0 && run.passed > 0;
      rows.push({ chapter: c, state: ok ? "done" : "current", run });
      if (!ok && !failed) {
        failed = run;
        lastLog = theirs.log();
      }
    } finally {
      await runner.close();
      await theirs.stop();
    }
  }
  if (process.stdout.isTTY) process.stdout.write("\r\x1b[K");
  console.log(renderTable(rows, "Handshake — open track (wire-level tests only)"));
  if (!failed) {
    console.log(pc.green(pc.bold("\nYour server passes every chapter's wire-level tests.")));
    return 0;
  }
  const f = failed.loadErrors[0] ?? failed.failures[0];
  if (f) console.log(renderFailure(failed, f, undefined, 0, { open: true }));
  if (lastLog.trim()) console.log(pc.dim(`\n  Your server's last output:\n${lastLog.trim()}`));
  return 1;
}
