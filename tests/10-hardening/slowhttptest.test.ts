/**
 * A real attacker: slowhttptest (Debian's package; .ci/run installs it)
 * runs slowloris (-H), slow POST (-B) and slow read (-X) against the
 * assembled server as of chapter 10. Each run is bounded (-l seconds)
 * and passes when the server closed every attacking connection ("No open
 * connections left") and its probe found the service available every
 * second. Limits are scaled down so each attack takes a few seconds.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Hardened, startHardened } from "./server.ts";

const run = promisify(execFile);
const MISSING = await run("slowhttptest", ["-h"]).then(
  () => false,
  (error: NodeJS.ErrnoException) => error.code === "ENOENT",
);
if (MISSING) {
  console.warn(
    "\n*** SKIPPING chapter 10's slowhttptest runs: slowhttptest is missing. " +
      "Install it with `apt-get install -y slowhttptest` (.ci/run does). ***\n",
  );
}

/** Seconds each attack runs; the server must close everything before. */
const ATTACK_S = 8;

let dir: string;
let server: Hardened;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "handshake-ch10-"));
  // A file bigger than loopback's socket buffers, for the slow read.
  writeFileSync(path.join(dir, "big.bin"), Buffer.alloc(32 * 1024 * 1024, 0x61));
  writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>ok</title>");
  server = await startHardened(
    {
      rateLimit: undefined,
      slowClients: { minBodyRate: 1_000, minSendRate: 1_000, ratePeriodMs: 2_000 },
    },
    { headersTimeoutMs: 2_000 },
    dir,
  );
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Report {
  readonly exit: string;
  /** Seconds,Closed,Pending,Connected,Service Available */
  readonly rows: number[][];
}

async function attack(args: string[], target: string): Promise<Report> {
  const out = path.join(dir, `report-${args[0]?.slice(1)}`);
  const common = ["-c", "40", "-r", "40", "-l", String(ATTACK_S), "-p", "2", "-g", "-o", out];
  const { stdout } = await run(
    "slowhttptest",
    [...args, ...common, "-u", `${server.url}${target}`],
    {
      timeout: (ATTACK_S + 20) * 1000,
    },
  );
  const plain = stdout.replace(/\u001b\[[0-9;]*m/g, "");
  const exit = /Exit status:\s*(.+)/.exec(plain)?.[1]?.trim() ?? "";
  const rows = readFileSync(`${out}.csv`, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(",").map(Number));
  return { exit, rows };
}

/** The attack took place, and the probe was served every second. */
function expectServedThroughout(report: Report): void {
  const connected = Math.max(...report.rows.map((r) => r[3] ?? 0));
  expect(connected, `attacking connections at once: ${JSON.stringify(report.rows)}`).toBe(40);
  const down = report.rows.filter((r) => r[4] === 0).map((r) => r[0]);
  expect(down, "seconds when the probe found the service unavailable").toEqual([]);
}

function expectDefended(report: Report): void {
  expect(report.exit, "the server closed every attacking connection").toBe(
    "No open connections left",
  );
  expectServedThroughout(report);
}

describe.skipIf(MISSING)("slowhttptest against the server as of chapter 10", () => {
  test("slowloris (-H): heads trickled in are cut at the head timeout", async () => {
    expectDefended(await attack(["-H", "-i", "1"], "/hello"));
  }, 40_000);

  test("slow POST (-B): bodies below the minimum rate are cut", async () => {
    expectDefended(await attack(["-B", "-i", "1", "-s", "100000"], "/echo/slow"));
  }, 40_000);

  test("slow read (-X): a client reading 32 bytes every 2 s is cut", async () => {
    const watchdog = server.plan.extensions.hardening?.watchdog;
    const before = watchdog?.closedSlowRead ?? 0;
    const slowRead = ["-X", "-w", "512", "-y", "1024", "-n", "2", "-z", "32", "-k", "1"];
    const report = await attack(slowRead, "/big.bin");
    // The server resets each one; slowhttptest only notices once it has
    // read, 32 bytes at a time, what its receive buffer still holds.
    expect((watchdog?.closedSlowRead ?? 0) - before, "slow readers reset").toBe(40);
    expectServedThroughout(report);
  }, 40_000);
});
