/**
 * The open track end to end: `npm run learn -- --open "<command>"` starts
 * the learner's server per chapter with PORT and CHAPTER set, runs that
 * chapter's wire-level tests against it over TCP, and stops at the first
 * chapter it fails. The server here is the book's own, frozen at chapter
 * 01 (a line echo): it passes chapter 01 and must fail chapter 02, whose
 * wire tests expect HTTP answers to malformed requests.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";

describe("the open track", { timeout: 300_000 }, () => {
  test("a chapter-01 echo server passes chapter 01 and is stopped at chapter 02", () => {
    const command = 'node --import tsx src/cli.ts --port "$PORT" --chapter 1';
    const r = spawnSync(process.execPath, ["tools/learn/learn.mjs", "--open", command], {
      encoding: "utf8",
      timeout: 280_000,
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(r.status, r.stderr).toBe(1);
    const out = r.stdout;
    expect(out).toContain("Open track: your server, started per chapter with PORT and CHAPTER set");
    expect(out).toMatch(/^ +✓ 01 +Sockets.* done \(\d+ tests?\)$/m);
    expect(out).toMatch(/^ +▶ 02 +Parsing the request head +0\/\d+ tests pass$/m);
    expect(out).toMatch(/^ +· 03 +.*locked$/m);
    // One failure shown the teaching way, and the server's own output.
    expect(out).toMatch(/^✗ .*\n +\(tests\/02-request-parser\/wire\.test\.ts\)$/m);
    expect(out).toContain("Your server's last output:");
    expect(out).toContain("line echo on tcp://127.0.0.1:");
  });
});
