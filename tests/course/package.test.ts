/**
 * The server outside the checkout: `npm pack` makes a package that holds
 * the bundle and nothing of the course, it installs offline (it has no
 * dependencies: the bundle carries them), and `npx handshake` runs it from
 * a folder that knows nothing of this repository, serving `--root`.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { findRepoRoot } from "../../tools/course/repo-root.ts";

const REPO_ROOT = findRepoRoot(import.meta.url);
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const NPX = process.platform === "win32" ? "npx.cmd" : "npx";
/** What the package may hold: the bundle and npm's own files. */
const ALLOWED = /^(package\.json|README\.md|LICENSE|dist\/handshake\.js(\.map)?)$/;

const temp = mkdtempSync(path.join(os.tmpdir(), "handshake-pack-"));
let child: ChildProcess | undefined;
afterAll(() => {
  if (child?.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
  rmSync(temp, { recursive: true, force: true });
});

function run(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (${r.status}):\n${r.stderr}`);
  }
  return r.stdout;
}

/** What the server printed so far. */
let printed = "";

/** Resolves with the port once the server prints where it listens. */
function listeningPort(server: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const collect = (d: Buffer): void => {
      printed += d.toString();
      const port = /listening on 127\.0\.0\.1:(\d+)/.exec(printed)?.[1];
      if (port !== undefined) resolve(Number(port));
    };
    server.stdout?.on("data", collect);
    server.stderr?.on("data", collect);
    server.on("exit", (code) =>
      reject(new Error(`exited (${code}) before listening:\n${printed}`)),
    );
  });
}

describe("src/ stands alone", () => {
  test("no file in src/ imports tools/ (the bundle must run without the checkout)", () => {
    const files = readdirSync(path.join(REPO_ROOT, "src"), { recursive: true, encoding: "utf8" });
    const offenders = files
      .filter((f) => f.endsWith(".ts"))
      .filter((f) =>
        /from\s+["'](\.\.\/)+tools\//.test(readFileSync(path.join(REPO_ROOT, "src", f), "utf8")),
      );
    expect(offenders).toEqual([]);
  });
});

describe("npm pack, install, npx handshake", () => {
  test("the packed server installs offline, runs from any folder and serves --root", async () => {
    // prepack builds the bundle first and prints a line before npm's JSON.
    const out = run(NPM, ["pack", "--json", "--pack-destination", temp], REPO_ROOT);
    const packed = JSON.parse(out.slice(out.indexOf("[\n"))) as {
      filename: string;
      files: { path: string }[];
    }[];
    const [tarball] = packed;
    if (tarball === undefined) throw new Error("npm pack produced nothing");
    const files = tarball.files.map((f) => f.path);
    expect(files).toContain("dist/handshake.js");
    expect(files.filter((f) => !ALLOWED.test(f))).toEqual([]);

    const app = path.join(temp, "app");
    const site = path.join(temp, "site");
    mkdirSync(app);
    mkdirSync(site);
    writeFileSync(path.join(site, "index.html"), "<h1>from --root</h1>\n");
    run(NPM, ["init", "-y"], app);
    const tgz = path.join(temp, tarball.filename);
    run(NPM, ["install", tgz, "--offline", "--no-audit", "--no-fund"], app);

    // Its own process group, so a signal reaches npx and the server it runs.
    const args = ["--no", "--", "handshake", "--port", "0", "--root", site];
    child = spawn(NPX, args, { cwd: app, detached: true });
    const port = await listeningPort(child);
    const hello = await fetch(`http://127.0.0.1:${port}/hello`);
    expect(hello.status).toBe(200);
    expect(await hello.text()).toBe("hello world");
    const index = await fetch(`http://127.0.0.1:${port}/`);
    expect(await index.text()).toBe("<h1>from --root</h1>\n");

    // Ctrl-C in a terminal signals the whole group; the server stops gracefully.
    const exited = new Promise<void>((resolve) => child?.on("close", () => resolve()));
    process.kill(-(child.pid ?? 0), "SIGTERM");
    await exited;
    expect(printed).toMatch(/handshake: stopped/);
  }, 180_000);
});
