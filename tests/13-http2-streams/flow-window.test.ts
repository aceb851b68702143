/** Flow-control window arithmetic (RFC 9113 §5.2, §6.9). */
import { describe, expect, test } from "vitest";
import { consume, grow, MAX_WINDOW, replenish, sendable } from "#ch13/flow-window.ts";

describe("grow (§6.9.1, §6.9.2)", () => {
  test.each([
    [65_535, 1, { ok: true, window: 65_536 }],
    [0, MAX_WINDOW, { ok: true, window: MAX_WINDOW }],
    [1, MAX_WINDOW, { ok: false }],
    [MAX_WINDOW, 1, { ok: false }],
    // A smaller INITIAL_WINDOW_SIZE can leave a window negative: allowed.
    [100, -65_535, { ok: true, window: -65_435 }],
    [-100, 200, { ok: true, window: 100 }],
  ])("%i + %i", (window, delta, expected) => {
    expect(grow(window, delta)).toEqual(expected);
  });
});

describe("consume (§6.9.1)", () => {
  test.each([
    [100, 40, 60],
    [100, 100, 0],
    [100, 101, undefined],
    [0, 1, undefined],
    [0, 0, 0],
  ])("window %i, DATA %i -> %s", (window, length, left) => {
    expect(consume(window, length)).toBe(left);
  });
});

describe("replenish: a WINDOW_UPDATE at half the window", () => {
  test.each([
    // window, target, held -> increment
    [65_536, 65_536, 0, 0],
    [40_000, 65_536, 0, 0],
    [32_768, 65_536, 0, 32_768],
    [0, 65_536, 0, 65_536],
    // Bytes the handler still holds are not given back: back-pressure.
    [0, 65_536, 65_536, 0],
    [0, 65_536, 16_384, 49_152],
    [10_000, 65_536, 60_000, 0],
  ])("window %i of %i, %i held -> %i", (window, target, held, increment) => {
    expect(replenish(window, target, held)).toBe(increment);
  });
});

describe("sendable", () => {
  test.each([
    [100_000, 65_535, 1_000_000, 16_384, 16_384],
    [500, 65_535, 1_000_000, 16_384, 500],
    [100_000, 100, 1_000_000, 16_384, 100],
    [100_000, 65_535, 7, 16_384, 7],
    [100_000, -5, 1_000, 16_384, 0],
  ])("pending %i, stream %i, connection %i, frame %i -> %i", (p, s, c, f, n) => {
    expect(sendable(p, s, c, f)).toBe(n);
  });
});
