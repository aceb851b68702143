/**
 * The token bucket and its table: pure functions of the time, so every
 * case passes its own clock.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { BucketTable } from "#ch10/bucket-table.ts";
import { type BucketPolicy, fullBucket, refill, take } from "#ch10/token-bucket.ts";

const TEN_PER_10S: BucketPolicy = { capacity: 10, windowSeconds: 10 }; // 1 token/s

describe("refill", () => {
  test("earns capacity/window tokens per second, continuously", () => {
    const bucket = { tokens: 2, updatedAt: 1_000 };
    expect(refill(bucket, TEN_PER_10S, 3_500)).toEqual({ tokens: 4.5, updatedAt: 3_500 });
  });

  test("never holds more than the capacity", () => {
    const bucket = { tokens: 9, updatedAt: 0 };
    expect(refill(bucket, TEN_PER_10S, 60_000).tokens).toBe(10);
  });

  test("a clock that goes backwards earns nothing", () => {
    const bucket = { tokens: 3, updatedAt: 5_000 };
    expect(refill(bucket, TEN_PER_10S, 4_000).tokens).toBe(3);
  });
});

describe("take", () => {
  test("a burst of `capacity` passes, the next is refused with Retry-After", () => {
    let bucket = fullBucket(TEN_PER_10S, 0);
    for (let i = 0; i < 10; i++) {
      const t = take(bucket, TEN_PER_10S, 0);
      expect(t.allowed, `request ${i + 1} of the burst`).toBe(true);
      expect(t.remaining).toBe(9 - i);
      bucket = t.bucket;
    }
    const refused = take(bucket, TEN_PER_10S, 0);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBe(1);
    expect(refused.resetSeconds).toBe(10);
    expect(refused.remaining).toBe(0);
  });

  test("after Retry-After seconds the client is served again", () => {
    const empty = { tokens: 0.25, updatedAt: 0 };
    const refused = take(empty, TEN_PER_10S, 0);
    expect(refused.retryAfterSeconds).toBe(1); // 0.75 s rounded up
    expect(take(refused.bucket, TEN_PER_10S, 1_000).allowed).toBe(true);
  });

  test("remaining and reset describe the bucket after this request", () => {
    const t = take({ tokens: 5.5, updatedAt: 0 }, TEN_PER_10S, 0);
    expect(t).toMatchObject({ allowed: true, remaining: 4, resetSeconds: 6 });
  });

  test("property: tokens stay within [0, capacity]; allowed iff a whole token", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000 }),
        fc.integer({ min: 1, max: 3_600 }),
        fc.array(fc.integer({ min: 0, max: 5_000 }), { maxLength: 60 }),
        (capacity, windowSeconds, gaps) => {
          const policy = { capacity, windowSeconds };
          let bucket = fullBucket(policy, 0);
          let now = 0;
          for (const gap of gaps) {
            now += gap;
            const before = refill(bucket, policy, now).tokens;
            const t = take(bucket, policy, now);
            if (t.allowed !== before >= 1) return false;
            if (t.bucket.tokens < 0 || t.bucket.tokens > capacity) return false;
            if (!t.allowed && t.retryAfterSeconds < 1) return false;
            bucket = t.bucket;
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("BucketTable", () => {
  test("one bucket per key: one client's burst does not spend another's", () => {
    const table = new BucketTable({ capacity: 2, windowSeconds: 60 });
    expect(table.take("a", 0).allowed).toBe(true);
    expect(table.take("a", 0).allowed).toBe(true);
    expect(table.take("a", 0).allowed).toBe(false);
    expect(table.take("b", 0).allowed).toBe(true);
  });

  test("memory is bounded however many addresses appear (LRU eviction)", () => {
    const table = new BucketTable({ capacity: 1, windowSeconds: 60 }, 100);
    for (let i = 0; i < 10_000; i++) table.take(`2001:db8::${i.toString(16)}`, 0);
    expect(table.size).toBe(100);
  });

  test("the least recently used key is the one forgotten", () => {
    const table = new BucketTable({ capacity: 1, windowSeconds: 60 }, 2);
    table.take("old", 0); // spends old's only token
    table.take("kept", 0);
    table.take("old", 0); // refused, but now most recently used
    table.take("new", 0); // evicts "kept", not "old"
    expect(table.take("old", 0).allowed, "old keeps its empty bucket").toBe(false);
    expect(table.take("kept", 0).allowed, "kept was forgotten: a fresh bucket").toBe(true);
  });
});
