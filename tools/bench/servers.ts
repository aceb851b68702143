/**
 * The servers compared, as command lines.
 *
 * "ours" is the assembled Handshake server started by the lead's CLI, as
 * of a chapter: the built bundle (dist/handshake.js, `npm run build`) when
 * it exists, else the TypeScript sources through tsx. `--ours` or
 * HANDSHAKE_BENCH_OURS replaces the whole command (whitespace-separated,
 * `{port}` and `{host}` substituted) to bench a stand-in or another build.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerName } from "./options.ts";
import type { ServerSpec } from "./server-process.ts";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BUNDLE = path.join(ROOT, "dist", "handshake.js");
const PEERS = path.join(ROOT, "tools", "bench", "peers");
const TSX = ["--import", "tsx"];

/** How "ours" was started, for the report. */
export interface OursCommand {
  readonly argv: readonly string[];
  readonly source: "bundle" | "tsx" | "custom";
}

/** Resolve our server's command: custom, else the bundle, else tsx. */
export function oursCommand(chapter: number, custom: string | undefined): OursCommand {
  if (custom !== undefined && custom.trim() !== "") {
    return { argv: custom.trim().split(/\s+/), source: "custom" };
  }
  const flags = ["--chapter", String(chapter), "--host", "{host}", "--port", "{port}"];
  if (existsSync(BUNDLE)) return { argv: [process.execPath, BUNDLE, ...flags], source: "bundle" };
  return {
    argv: [process.execPath, ...TSX, path.join(ROOT, "src", "cli.ts"), ...flags],
    source: "tsx",
  };
}

/** The spec of each server that serves GET /hello → "hello world". */
export function helloServers(ours: OursCommand): Readonly<Record<ServerName, ServerSpec>> {
  const peer = (file: string): string[] => [
    process.execPath,
    ...TSX,
    path.join(PEERS, file),
    "--host",
    "{host}",
    "--port",
    "{port}",
  ];
  return {
    ours: { name: "ours", argv: ours.argv, cwd: ROOT },
    "node:http": { name: "node:http", argv: peer("node-http-server.ts"), cwd: ROOT },
    "bare node:net": { name: "bare node:net", argv: peer("bare-net-server.ts"), cwd: ROOT },
  };
}
