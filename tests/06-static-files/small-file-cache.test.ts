import { utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectTrue } from "#testing/wire.ts";
import { serveStatic } from "#ch06/serve-static.ts";
import { SmallFileCache } from "#ch06/small-file-cache.ts";
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
