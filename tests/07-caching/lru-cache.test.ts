import { describe, expect, test } from "vitest";
import { LruCache } from "#ch07/lru-cache.ts";
import { expectTrue } from "#testing/wire.ts";

const LESSON = {
  rule: "Evict from the least recently used end until both budgets (bytes, entries) hold",
  book: "chapters/07-caching.md#an-lru-with-a-byte-budget",
};

describe("LRU with a byte budget", () => {
  test("evicts least recently used entries until the bytes fit", () => {
    const evicted: string[] = [];
    const lru = new LruCache<string>({ maxBytes: 16, maxEntries: 100 }, (k) => evicted.push(k));
    lru.set("/a", "a", 4);
    lru.set("/b", "b", 1);
    lru.set("/c", "c", 9);
    lru.set("/d", "d", 8); // 22 bytes: /a (4) and /b (1) go, 17 still > 16: /c goes too
    expectTrue(
      evicted.join() === "/a,/b,/c",
      `evicted ${evicted.join()} instead of /a,/b,/c`,
      LESSON,
    );
    expect([lru.keys(), lru.bytes]).toEqual([["/d"], 8]);
  });

  test("a get makes an entry most recently used", () => {
    const lru = new LruCache<string>({ maxBytes: 10, maxEntries: 100 });
    lru.set("/a", "a", 4);
    lru.set("/b", "b", 4);
    lru.get("/a");
    lru.set("/c", "c", 4);
    expectTrue(
      lru.get("/b") === undefined,
      "/b should be evicted: /a was used more recently",
      LESSON,
    );
    expect(lru.keys()).toEqual(["/a", "/c"]);
  });

  test("the entry cap holds even for tiny entries", () => {
    const lru = new LruCache<number>({ maxBytes: 1_000_000, maxEntries: 3 });
    for (let i = 0; i < 10; i++) lru.set(`/${i}`, i, 1);
    expect(lru.keys()).toEqual(["/7", "/8", "/9"]);
    expect(lru.size).toBe(3);
  });

  test("replacing a key re-counts its bytes instead of adding them", () => {
    const lru = new LruCache<string>({ maxBytes: 10, maxEntries: 10 });
    lru.set("/a", "v1", 6);
    lru.set("/a", "v2", 7);
    expect([lru.bytes, lru.get("/a")]).toEqual([7, "v2"]);
  });

  test("an entry bigger than the whole budget is refused, and nothing is evicted", () => {
    const evicted: string[] = [];
    const lru = new LruCache<string>({ maxBytes: 10, maxEntries: 10 }, (k) => evicted.push(k));
    lru.set("/a", "a", 5);
    expect(lru.set("/huge", "h", 11)).toBe(false);
    expect([lru.keys(), evicted]).toEqual([["/a"], []]);
  });

  test("bytes never exceed the budget over a long random workload", () => {
    const lru = new LruCache<number>({ maxBytes: 1000, maxEntries: 50 });
    let seed = 7;
    let maxBytes = 0;
    let maxSize = 0;
    for (let i = 0; i < 5000; i++) {
      seed = (seed * 48271) % 2147483647;
      lru.set(`/${seed % 200}`, i, (seed % 120) + 1);
      maxBytes = Math.max(maxBytes, lru.bytes);
      maxSize = Math.max(maxSize, lru.size);
    }
    expect([maxBytes <= 1000, maxSize <= 50, lru.bytes > 800]).toEqual([true, true, true]);
  });
});
