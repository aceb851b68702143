/**
 * The session cache is filled by clients, so it must stay bounded in
 * entries and in time however many of them arrive.
 */
import { describe, expect, test } from "vitest";
import { SessionCache } from "#ch09/session-cache.ts";

const id = (n: number): Buffer => Buffer.from([n >> 8, n & 0xff]);
const data = (n: number): Buffer => Buffer.from(`session ${n}`);

describe("SessionCache", () => {
  test("finds what was stored, until its lifetime ends", () => {
    const cache = new SessionCache({ maxSessions: 10, lifetimeMs: 1000 });
    cache.store(id(1), data(1), 0);
    expect(cache.find(id(1), 999)?.toString()).toBe("session 1");
    expect(cache.find(id(1), 1000)).toBeUndefined();
    expect(cache.size).toBe(0); // the expired entry is gone, not just hidden
  });

  test("never holds more than maxSessions; the oldest goes first", () => {
    const cache = new SessionCache({ maxSessions: 3, lifetimeMs: 10_000 });
    for (let n = 0; n < 1000; n++) cache.store(id(n), data(n), n);
    expect(cache.size).toBe(3);
    expect(cache.find(id(996), 1000)).toBeUndefined();
    expect(cache.find(id(997), 1000)?.toString()).toBe("session 997");
  });

  test("storing an id again makes it the newest", () => {
    const cache = new SessionCache({ maxSessions: 2, lifetimeMs: 10_000 });
    cache.store(id(1), data(1), 0);
    cache.store(id(2), data(2), 0);
    cache.store(id(1), data(11), 1);
    cache.store(id(3), data(3), 2);
    expect(cache.find(id(2), 3)).toBeUndefined();
    expect(cache.find(id(1), 3)?.toString()).toBe("session 11");
  });

  test("an unknown id finds nothing", () => {
    expect(new SessionCache({ maxSessions: 2, lifetimeMs: 1 }).find(id(5))).toBeUndefined();
  });
});
