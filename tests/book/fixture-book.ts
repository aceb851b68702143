/**
 * The fixture book (tests/book/fixtures) built into an ignored folder,
 * rebuilt only when the book's tooling, theme or fixture changed since the
 * last build, so repeated test runs stay fast.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const FIXTURE_DIST = path.join(ROOT, "book", ".vitepress", "cache", "fixture-dist");

/** Longest the fixture build may take on a loaded 2-core CI machine. */
export const FIXTURE_BUILD_TIMEOUT_MS = 300_000;

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) t = Math.max(t, statSync(path.join(e.parentPath, e.name)).mtimeMs);
  }
  return t;
}

const INPUTS = ["tools/book", "book/.vitepress/theme", "book/public", "tests/book/fixtures"];

export async function ensureFixtureBook(): Promise<string> {
  const index = path.join(FIXTURE_DIST, "index.html");
  const inputs = Math.max(
    statSync(path.join(ROOT, "book/.vitepress/config.ts")).mtimeMs,
    statSync(path.join(ROOT, "book/index.md")).mtimeMs,
    ...INPUTS.map((d) => newest(path.join(ROOT, d))),
  );
  if (existsSync(index) && statSync(index).mtimeMs > inputs) return FIXTURE_DIST;
  const args = ["--import", "tsx", "tools/book/build.ts", "--root", "tests/book/fixtures"];
  const child = spawn(process.execPath, [...args, "--out", FIXTURE_DIST], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    timeout: FIXTURE_BUILD_TIMEOUT_MS,
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`fixture book build failed (exit ${code}):\n${output}`);
  return FIXTURE_DIST;
}
