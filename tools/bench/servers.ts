/**
 * The servers compared, as command lines.
 *
 * "ours" is the assembled Handshake server started by the lead's CLI, as
 * of a chapter: the built bundle (dist/handshake.js, what an operator
 * deploys; `npm run bench` rebuilds it first, so it is never stale) when
 * it exists, else the TypeScript sources through tsx, whose loader costs
 * the parser about a third of its speed. `--ours` or
 * HANDSHAKE_BENCH_OURS replaces the whole command (whitespace-separated,
 * `{port}` and `{host}` substituted) to bench a stand-in or another build.
 *
 * The peers run the way ours runs, so RSS compares like with like: tsx's
 * loader alone adds about 30 MiB to a process. When ours is the bundle (or
 * a custom command), the peers are compiled to plain JavaScript first.
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildSync } from "esbuild";
import type { ServerName } from "./options.ts";
import type { ServerSpec } from "./server-process.ts";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BUNDLE = path.join(ROOT, "dist", "handshake.js");
const PEERS = path.join(ROOT, "tools", "bench", "peers");
const TSX = ["--import", "tsx"];

/**
 * Ours runs as shipped: the bundle `npm start` runs (package.json's start
 * script builds dist/handshake.js when stale, then `node dist/handshake.js`),
 * every chapter, no flags beyond host and port, no environment overrides.
 * What a reader measures first is what this row times.
 *
 * The idle-memory scenario alone adds IDLE_ENV: it opens 10,000
 * connections one by one, and the shipped 5 s keep-alive timeout would
 * close the first before the last is open (node:http's peer keeps them
 * 120 s too).
 */
export const IDLE_ENV = { HANDSHAKE_KEEP_ALIVE_TIMEOUT_MS: "120000" } as const;

/** Chapter 03 alone: the core every later chapter wraps, as a second row. */
export const CORE_CHAPTER = 3;

/** How "ours" was started, for the report. */
export interface OursCommand {
  readonly argv: readonly string[];
  readonly source: "bundle" | "tsx" | "custom";
}

/**
 * Resolve our server's command: custom, else the bundle, else tsx. With
 * `chapter` undefined it is the assembled server, as `npm start` runs it.
 */
export function oursCommand(chapter: number | undefined, custom: string | undefined): OursCommand {
  if (custom !== undefined && custom.trim() !== "") {
    return { argv: custom.trim().split(/\s+/), source: "custom" };
  }
  const flags = [
    ...(chapter === undefined ? [] : ["--chapter", String(chapter)]),
    "--host",
    "{host}",
    "--port",
    "{port}",
  ];
  if (existsSync(BUNDLE)) return { argv: [process.execPath, BUNDLE, ...flags], source: "bundle" };
  return {
    argv: [process.execPath, ...TSX, path.join(ROOT, "src", "cli.ts"), ...flags],
    source: "tsx",
  };
}

/** Ours as of chapter 03 alone: the same command with `--chapter 3`. */
export function coreCommand(ours: OursCommand): OursCommand {
  if (ours.source === "custom") return ours;
  const at = ours.argv.indexOf("--chapter");
  const argv = at === -1 ? [...ours.argv] : ours.argv.filter((_, i) => i !== at && i !== at + 1);
  return { ...ours, argv: [...argv, "--chapter", String(CORE_CHAPTER)] };
}

/** Where compiled peers go; one folder per bench process. */
const PEER_OUTDIR = path.join(os.tmpdir(), `handshake-bench-peers-${process.pid}`);

/** Remove the compiled peers; run.ts calls it on exit. */
export function removeCompiledPeers(): void {
  rmSync(PEER_OUTDIR, { recursive: true, force: true });
}

/** Compile a peer to plain ESM in a temp folder; returns its path. */
function compiledPeer(file: string): string {
  const outdir = PEER_OUTDIR;
  mkdirSync(outdir, { recursive: true });
  const outfile = path.join(outdir, file.replace(/\.ts$/, ".mjs"));
  buildSync({
    entryPoints: [path.join(PEERS, file)],
    outfile,
    platform: "node",
    format: "esm",
    logLevel: "error",
  });
  return outfile;
}

/**
 * A module of ours compiled the way the bundle compiles it, for scenarios
 * that time code in this process: through tsx's loader, every call from
 * one module into another goes through an export getter, which costs the
 * parser about a third of its speed, and no deployed server pays that.
 */
export async function importCompiled<T>(specifier: string): Promise<T> {
  mkdirSync(PEER_OUTDIR, { recursive: true });
  const outfile = path.join(PEER_OUTDIR, `${specifier.replace(/[^\w]+/g, "-")}.mjs`);
  buildSync({
    stdin: { contents: `export * from ${JSON.stringify(specifier)};`, resolveDir: ROOT },
    bundle: true,
    outfile,
    platform: "node",
    format: "esm",
    packages: "external",
    logLevel: "error",
  });
  return (await import(pathToFileURL(outfile).href)) as T;
}

/** node + the peer, through tsx when ours runs through tsx. */
export function peerArgv(file: string, ours: OursCommand): string[] {
  const entry = ours.source === "tsx" ? [...TSX, path.join(PEERS, file)] : [compiledPeer(file)];
  return [process.execPath, ...entry, "--host", "{host}", "--port", "{port}"];
}

/** The spec of each server that serves GET /hello → "hello world". */
export function helloServers(
  ours: OursCommand,
  env: Readonly<Record<string, string>> = {},
): Readonly<Record<ServerName, ServerSpec>> {
  const peer = (file: string): string[] => peerArgv(file, ours);
  return {
    ours: { name: "ours", argv: ours.argv, cwd: ROOT, env },
    "ours (chapter 03)": {
      name: "ours (chapter 03)",
      argv: coreCommand(ours).argv,
      cwd: ROOT,
      env,
    },
    "node:http": { name: "node:http", argv: peer("node-http-server.ts"), cwd: ROOT },
    "bare node:net": { name: "bare node:net", argv: peer("bare-net-server.ts"), cwd: ROOT },
  };
}
