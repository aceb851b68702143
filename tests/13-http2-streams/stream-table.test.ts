/**
 * The open-stream table (stream-table.ts) against a Map: any sequence of
 * sets and deletes leaves both answering alike, through growth and
 * backward-shift deletion.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { StreamTable } from "#ch13/stream-table.ts";

/** Stream ids: odd, as a client's are (RFC 9113 §5.1.1), from a small range so they collide. */
const id = fc.integer({ min: 0, max: 2_000 }).map((n) => 2 * n + 1);
const op = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), id }),
  fc.record({ kind: fc.constant("delete" as const), id }),
);

function agree(table: StreamTable<string>, model: Map<number, string>, probes: number[]): void {
  expect(table.size).toBe(model.size);
  expect([...table.values()].sort()).toEqual([...model.values()].sort());
  for (const p of probes) {
    expect(table.get(p)).toBe(model.get(p));
    expect(table.has(p)).toBe(model.has(p));
  }
}

describe("StreamTable", () => {
  test("answers as a Map does after any sets and deletes", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), (ops) => {
        const table = new StreamTable<string>();
        const model = new Map<number, string>();
        for (const o of ops) {
          if (o.kind === "set") {
            table.set(o.id, `s${o.id}`);
            model.set(o.id, `s${o.id}`);
          } else expect(table.delete(o.id)).toBe(model.delete(o.id));
        }
        agree(
          table,
          model,
          ops.map((o) => o.id),
        );
      }),
      { numRuns: 200 },
    );
  });

  test("a hundred streams opened and closed in turn, many times, as a connection does", () => {
    const table = new StreamTable<number>();
    let next = 1;
    for (let round = 0; round < 200; round++) {
      const first = next;
      for (let i = 0; i < 100; i++, next += 2) table.set(next, next);
      expect(table.size).toBe(100);
      expect(table.get(first)).toBe(first);
      for (let s = first; s < next; s += 2) expect(table.delete(s)).toBe(true);
      expect(table.size).toBe(0);
      expect(table.get(first)).toBeUndefined();
    }
  });

  test("grows past its first slots and keeps every entry", () => {
    const table = new StreamTable<number>();
    for (let s = 1; s < 2_000; s += 2) table.set(s, s * 10);
    expect(table.size).toBe(1_000);
    expect(table.get(1_999)).toBe(19_990);
    expect(table.get(1)).toBe(10);
    expect(table.delete(2_001)).toBe(false);
  });
});
