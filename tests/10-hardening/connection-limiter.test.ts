/**
 * The counts behind the connection caps.
 */
import { describe, expect, test } from "vitest";
import { ConnectionLimiter } from "#ch10/connection-limiter.ts";

describe("ConnectionLimiter", () => {
  test("the global cap: admit up to maxConnections, then 'full'", () => {
    const limiter = new ConnectionLimiter({ maxConnections: 3, maxConnectionsPerAddress: 10 });
    expect(["a", "b", "c", "d"].map((a) => limiter.admit(a))).toEqual([
      "admit",
      "admit",
      "admit",
      "full",
    ]);
    expect(limiter.open).toBe(3);
  });

  test("the per-address cap: one address cannot take every slot", () => {
    const limiter = new ConnectionLimiter({ maxConnections: 10, maxConnectionsPerAddress: 2 });
    expect(limiter.admit("a")).toBe("admit");
    expect(limiter.admit("a")).toBe("admit");
    expect(limiter.admit("a")).toBe("address-full");
    expect(limiter.admit("b")).toBe("admit");
    expect(limiter.from("a")).toBe(2);
    expect(limiter.open, "refusals are not counted").toBe(3);
  });

  test("an address at its cap is told so even when the server is full", () => {
    const limiter = new ConnectionLimiter({ maxConnections: 2, maxConnectionsPerAddress: 2 });
    limiter.admit("a");
    limiter.admit("a");
    expect(limiter.admit("a")).toBe("address-full");
    expect(limiter.admit("b")).toBe("full");
  });

  test("release frees a slot, and forgets an address at zero", () => {
    const limiter = new ConnectionLimiter({ maxConnections: 1, maxConnectionsPerAddress: 1 });
    limiter.admit("a");
    expect(limiter.admit("b")).toBe("full");
    limiter.release("a");
    expect(limiter.open).toBe(0);
    expect(limiter.addresses, "no entry left for a").toBe(0);
    expect(limiter.admit("b")).toBe("admit");
  });

  test("memory follows open connections, not addresses ever seen", () => {
    const limiter = new ConnectionLimiter({ maxConnections: 100, maxConnectionsPerAddress: 1 });
    for (let i = 0; i < 10_000; i++) {
      const address = `2001:db8::${i.toString(16)}`;
      limiter.admit(address);
      limiter.release(address);
    }
    expect(limiter.addresses).toBe(0);
    expect(limiter.open).toBe(0);
  });

  test("a release with nothing open never goes negative", () => {
    const limiter = new ConnectionLimiter({ maxConnections: 1, maxConnectionsPerAddress: 1 });
    limiter.release("a");
    expect(limiter.open).toBe(0);
    expect(limiter.admit("a")).toBe("admit");
  });
});
