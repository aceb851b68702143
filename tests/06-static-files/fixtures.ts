/**
 * Shared fixtures for chapter 06: a temporary site on disk and synthetic
 * requests, so handler tests need no socket.
 */
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { HttpRequest, HttpResponse } from "#ch03/message.ts";
import { derivedFields } from "#testing/synthetic.ts";

export const BOOK = "chapters/06-static-files.md";

/** 1000 bytes of "0123456789" repeated: every offset's byte is predictable. */
export const DIGITS = "0123456789".repeat(100);

export interface Site {
  /** The served root (under `base`). */
  readonly root: string;
  /** The temporary directory holding root and the secrets outside it. */
  readonly base: string;
  remove(): Promise<void>;
}

/**
 * base/
 *   secret.txt                 outside the root: must never be served
 *   www-secrets/key.txt        a sibling whose name starts with the root's
 *   www/
 *     index.html, digits.txt, empty.txt, data.bin, style.css, app.js
 *     .env, .git/config        dotfiles
 *     docs/index.html, docs/guide.txt
 *     plain/a.txt              a directory without index
 *     inside-link.txt  → digits.txt          (symlink inside the root)
 *     escape-link.txt  → ../secret.txt       (symlink leaving the root)
 *     escape-dir       → ..                   (directory link leaving it)
 */
export async function makeSite(): Promise<Site> {
  const base = await realpath(await mkdtemp(path.join(os.tmpdir(), "handshake-06-")));
  const root = path.join(base, "www");
  const files: Record<string, string> = {
    "secret.txt": "TOP SECRET outside the root\n",
    "www-secrets/key.txt": "TOP SECRET sibling\n",
    "www/index.html": "<h1>home</h1>\n",
    "www/digits.txt": DIGITS,
    "www/empty.txt": "",
    "www/data.bin": "\x00\x01\x02",
    "www/style.css": "body{}\n",
    "www/app.js": "export {};\n",
    "www/.env": "TOP SECRET=dotenv\n",
    "www/.git/config": "TOP SECRET git config\n",
    "www/docs/index.html": "<h1>docs</h1>\n",
    "www/docs/guide.txt": "guide\n",
    "www/plain/a.txt": "a\n",
    "www/plain/<b>.txt": "tricky name\n",
  };
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(base, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text, "latin1");
  }
  await symlink("digits.txt", path.join(root, "inside-link.txt"));
  await symlink("../secret.txt", path.join(root, "escape-link.txt"));
  await symlink("..", path.join(root, "escape-dir"));
  return { root, base, remove: () => rm(base, { recursive: true, force: true }) };
}

/** A synthetic request, as chapter 03's connection would build it. */
export function request(
  target: string,
  headers: Record<string, string> = {},
  method = "GET",
): HttpRequest {
  const body = {
    length: 0,
    trailers: [],
    async *[Symbol.asyncIterator]() {},
  };
  const list = Object.entries(headers).map(([n, v]) => [n.toLowerCase(), v] as const);
  return {
    method,
    target,
    ...derivedFields(method, target, list),
    version: "HTTP/1.1",
    headers: list,
    body,
    connection: { remoteAddress: "127.0.0.1", remotePort: 1, secure: false },
  };
}

/** Reads a response body to bytes, with a bound on chunks. */
export async function bodyBytes(response: HttpResponse, maxChunks = 10_000): Promise<Buffer> {
  const body = response.body;
  if (body === undefined) return Buffer.alloc(0);
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof Uint8Array) return Buffer.from(body);
  const parts: Buffer[] = [];
  for await (const chunk of body) {
    parts.push(Buffer.from(chunk));
    if (parts.length > maxChunks) throw new Error("body did not end");
  }
  return Buffer.concat(parts);
}

/** One header of a response (names are lowercase in HeaderList). */
export function header(response: HttpResponse, name: string): string | undefined {
  return response.headers?.find(([n]) => n === name)?.[1];
}

/** "GET /x" with its headers, for a Lesson's `sent`. */
export function describe(target: string, headers: Record<string, string> = {}): string {
  const lines = Object.entries(headers).map(([n, v]) => `${n}: ${v}\r\n`);
  return `GET ${target} HTTP/1.1\r\n${lines.join("")}\r\n`;
}
