/**
 * The build-time siblings (precompress-files.ts): written for compressible
 * files above the threshold, decodable back to the original, never for
 * small or incompressible files, and chosen by precompressedVariants.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterEach, describe, expect, test } from "vitest";
import { precompressTree } from "#ch08/precompress-files.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function site(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "handshake-precompress-"));
  dirs.push(dir);
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), body);
  return dir;
}

describe("precompressTree", () => {
  test("a large HTML page gets .br and .gz that decode to it, newer than it", async () => {
    const page = "<p>the fastest byte is the one not sent</p>\n".repeat(200);
    const dir = site({ "page.html": page });
    expect(await precompressTree(dir)).toBe(2);
    const file = path.join(dir, "page.html");
    expect(zlib.brotliDecompressSync(readFileSync(`${file}.br`)).toString()).toBe(page);
    expect(zlib.gunzipSync(readFileSync(`${file}.gz`)).toString()).toBe(page);
    expect(statSync(`${file}.br`).mtimeMs).toBeGreaterThanOrEqual(statSync(file).mtimeMs);
  });

  test("small files, images and siblings themselves get none", async () => {
    const dir = site({
      "tiny.html": "<p>hi</p>",
      "photo.png": Buffer.alloc(4096, 7),
      "old.html.gz": Buffer.alloc(4096, 1),
    });
    expect(await precompressTree(dir)).toBe(0);
  });
});
