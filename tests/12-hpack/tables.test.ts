/**
 * The dynamic table and the index space (RFC 7541 §2.3, §4): sizes,
 * eviction, and how indexes move as entries are added.
 */
import { describe, expect, test } from "vitest";
import { DynamicTable, entrySize } from "#ch12/dynamic-table.ts";
import { HeaderTable } from "#ch12/header-table.ts";

describe("the dynamic table (§4)", () => {
  test("an entry's size is name + value + 32 (§4.1)", () => {
    const t = new DynamicTable(4096);
    t.add("custom-key", "custom-header");
    expect(t.size).toBe(55);
    expect(entrySize("a", "")).toBe(33);
  });

  test("adding evicts the oldest until the new entry fits (§4.4)", () => {
    const t = new DynamicTable(100);
    t.add("a", "1".repeat(17)); // 50
    t.add("b", "2".repeat(17)); // 50: full
    t.add("c", "3"); // 34: evicts a
    expect([t.get(1)?.[0], t.get(2)?.[0], t.get(3)]).toEqual(["c", "b", undefined]);
    expect(t.size).toBe(84);
  });

  test("an entry larger than the table empties it and is not added (§4.4)", () => {
    const t = new DynamicTable(100);
    t.add("a", "1");
    t.add("big", "x".repeat(100));
    expect(t.length).toBe(0);
    expect(t.size).toBe(0);
  });

  test("lowering the maximum evicts down to it (§4.3); zero empties", () => {
    const t = new DynamicTable(4096);
    for (const n of ["a", "b", "c"]) t.add(n, "v"); // 34 each
    t.setMaxSize(70);
    expect(t.length).toBe(2);
    expect(t.get(2)?.[0]).toBe("b");
    t.setMaxSize(0);
    expect(t.length).toBe(0);
  });
});

describe("the index space (§2.3.3)", () => {
  test("1..61 static, 62.. dynamic newest first, 0 and past the end undefined", () => {
    const t = new HeaderTable(4096);
    t.dynamic.add("x-old", "1");
    t.dynamic.add("x-new", "2");
    expect(t.get(2)).toEqual([":method", "GET"]);
    expect(t.get(61)).toEqual(["www-authenticate", ""]);
    expect(t.get(62)).toEqual(["x-new", "2"]);
    expect(t.get(63)).toEqual(["x-old", "1"]);
    expect(t.get(64)).toBeUndefined();
    expect(t.get(0)).toBeUndefined();
  });

  test("find prefers an exact match, then a static name", () => {
    const t = new HeaderTable(4096);
    t.dynamic.add("cache-control", "no-cache");
    expect(t.find(":method", "POST")).toEqual({ index: 3, exact: true });
    expect(t.find("cache-control", "no-cache")).toEqual({ index: 62, exact: true });
    expect(t.find("cache-control", "private")).toEqual({ index: 24, exact: false });
    expect(t.find("x-unknown", "1")).toBeUndefined();
  });
});
