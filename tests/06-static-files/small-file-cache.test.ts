import { utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectTrue } from "#testing/wire.ts";
import { serveStatic } from "#ch06/serve-static.ts";
import { CacheFills, SmallFileCache } from "#ch06/small-file-cache.ts";
import { SMALL_FILE_MAX } from "#ch06/static-options.ts";
import { BOOK, bodyBytes, makeSite, request, type Site } from "./fixtures.ts";

const lesson = { book: `${BOOK}#no-sendfile-what-we-measured` };
const id = (size: number, mtimeMs = 1, ino = 1) => ({ size, mtimeMs, ino });
const bytes = (n: number, fill = 0x61) => new Uint8Array(n).fill(fill);
/** The bytes and identity a lookup returned, for exact comparison. */
const seen = (hit: { identity: unknown; bytes: Uint8Array } | undefined) =>
  hit && { identity: hit.identity, text: Buffer.from(hit.bytes).toString("latin1") };

describe("SmallFileCache", () => {
  const limits = { maxFileSize: 100, budget: 250, revalidateAfterMs: 1000 };

  test("fresh within the revalidation window, stale after it", () => {
    const cache = new SmallFileCache(limits);
    cache.store("/a", id(10), bytes(10), 0);
    expect(seen(cache.fresh("/a", 999))).toEqual({ identity: id(10), text: "a".repeat(10) });
    expect(cache.fresh("/a", 1000)).toBeUndefined();
  });

  test("revalidate keeps an unchanged file and drops a changed one", () => {
    const cache = new SmallFileCache(limits);
    cache.store("/a", id(10), bytes(10, 0x62), 0);
    const kept = { identity: id(10), text: "b".repeat(10) };
    expect(seen(cache.revalidate("/a", id(10), 2000))).toEqual(kept);
    // Revalidating restarted the window: fresh again until 3000.
    expect(seen(cache.fresh("/a", 2500))).toEqual(kept);
    expect(cache.fresh("/a", 3000)).toBeUndefined();
    expect(cache.revalidate("/a", id(10, 2), 4000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  test("the byte budget evicts least recently used first", () => {
    const cache = new SmallFileCache(limits);
    cache.store("/a", id(100), bytes(100, 0x61), 0);
    cache.store("/b", id(100), bytes(100, 0x62), 0);
    cache.fresh("/a", 1); // a is now more recent than b
    cache.store("/c", id(100), bytes(100, 0x63), 2);
    expect(cache.size).toBe(200);
    expect(cache.fresh("/b", 3)).toBeUndefined();
    expect(seen(cache.fresh("/a", 3))?.text).toBe("a".repeat(100));
    expect(seen(cache.fresh("/c", 3))?.text).toBe("c".repeat(100));
  });

  test("files over maxFileSize, or whose bytes disagree with stat, are not kept", () => {
    const cache = new SmallFileCache(limits);
    cache.store("/big", id(101), bytes(101), 0);
    cache.store("/torn", id(50), bytes(40), 0);
    expect(cache.size).toBe(0);
  });
});

describe("the cache inside serveStatic", () => {
  let site: Site;
  beforeAll(async () => {
    site = await makeSite();
  });
  afterAll(() => site.remove());

  test("a change is served once the revalidation window has passed", async () => {
    let now = 1_000_000;
    const file = path.join(site.root, "hot.txt");
    await writeFile(file, "old");
    const handler = serveStatic(site.root, { now: () => now, revalidateAfterMs: 1000 });
    expect((await bodyBytes(await handler(request("/hot.txt")))).toString()).toBe("old");
    await writeFile(file, "new!");
    const later = new Date(Date.now() + 5000);
    await utimes(file, later, later);
    now += 500;
    const within = (await bodyBytes(await handler(request("/hot.txt")))).toString();
    expectTrue(
      within === "old",
      `within the window the cached copy is served, got ${within}`,
      lesson,
    );
    now += 600;
    const after = (await bodyBytes(await handler(request("/hot.txt")))).toString();
    expectTrue(after === "new!", `after the window the change must show, got ${after}`, lesson);
  });
});

describe("CacheFills", () => {
  test("concurrent fills of one file share one read; the bytes are released after", async () => {
    const fills = new CacheFills<string>(100);
    let reads = 0;
    let finish = (_: string): void => {};
    const read = () => {
      reads++;
      return new Promise<string>((resolve) => (finish = resolve));
    };
    const first = fills.run("/a", 60, read);
    const second = fills.run("/a", 60, read);
    expect(fills.admit("/a", 60)).toBe(true); // joins the running fill
    expect(fills.admit("/b", 60)).toBe(false); // 60 + 60 > 100: stream it
    finish("bytes");
    expect(await Promise.all([first, second])).toEqual(["bytes", "bytes"]);
    expectTrue(reads === 1, `a cold file asked for twice at once was read ${reads} times`, lesson);
    expect(fills.admit("/b", 100)).toBe(true);
  });

  test("a failed fill is shared too, and frees its place", async () => {
    const fills = new CacheFills<string>(100);
    const failing = () => Promise.reject(new Error("gone"));
    const both = [fills.run("/a", 100, failing), fills.run("/a", 100, failing)];
    for (const p of both) await expect(p).rejects.toThrow("gone");
    expect(fills.admit("/b", 100)).toBe(true);
  });
});

describe("the memory tier's reach", () => {
  let site: Site;
  beforeAll(async () => {
    site = await makeSite();
  });
  afterAll(() => site.remove());

  test("a 1 MiB file is held in memory by default; a larger one streams", async () => {
    expect(SMALL_FILE_MAX).toBeGreaterThanOrEqual(1024 * 1024);
    await writeFile(path.join(site.root, "one-mib.bin"), Buffer.alloc(1024 * 1024, 1));
    await writeFile(path.join(site.root, "over.bin"), Buffer.alloc(SMALL_FILE_MAX + 1, 2));
    const handler = serveStatic(site.root);
    await handler(request("/one-mib.bin")); // fills the cache
    const held = await handler(request("/one-mib.bin"));
    expectTrue(
      held.body instanceof Uint8Array && held.body.byteLength === 1024 * 1024,
      "a second request for a 1 MiB file must be served from memory",
      lesson,
    );
    const streamed = await handler(request("/over.bin"));
    expect(streamed.body instanceof Uint8Array).toBe(false);
    expect((await bodyBytes(streamed)).length).toBe(SMALL_FILE_MAX + 1);
  });
});
