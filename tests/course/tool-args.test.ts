/**
 * The repository's own tools answer `--help` with their usage and a
 * misspelt flag with one line and exit 2 (tools/cli-args.ts), instead of a
 * stack trace or, worse, ignoring it and running for ten minutes.
 */
import { spawn } from "node:child_process";
import { describe, expect, test } from "vitest";

const TOOLS = [
  ["npm test", "tools/check/run-all.ts"],
  ["npm run exercises", "tools/exercises/generate.ts"],
  ["npm run check:caught", "tools/check/exercises-caught.ts"],
  ["npm run fuzz", "tools/fuzz/run.ts"],
  ["npm run book", "tools/book/build.ts"],
  ["npm run book:coverage", "tools/book/coverage.ts"],
  ["npm run book:pdf", "tools/book/pdf.ts"],
  ["tools/exercises/share.ts", "tools/exercises/share.ts"],
  ["tools/check/coverage.ts", "tools/check/coverage.ts"],
] as const;

interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(file: string, ...args: string[]): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", file, ...args], {
      timeout: 60_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe.concurrent("the tools' command lines", () => {
  test.each(TOOLS)(
    "%s --quik: one line naming the flag, exit 2",
    async (name, file) => {
      const r = await run(file, "--quik");
      expect(r.status, r.stderr).toBe(2);
      const lines = r.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`${name}: Unknown option '--quik'`);
      expect(lines[0]).toContain("--help");
      expect(r.stdout).toBe("");
    },
    60_000,
  );

  // --help is handled in one place (tools/cli-args.ts): two tools show it.
  test.each([TOOLS[0], TOOLS[3]])(
    "%s --help: its usage, exit 0",
    async (name, file) => {
      const r = await run(file, "--help");
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^Usage: /);
      expect(r.stdout).toContain(name.startsWith("npm ") ? name : file);
      expect(r.stdout).toContain("--help");
    },
    60_000,
  );
});
