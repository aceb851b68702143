/**
 * The linked list the server keeps its open connections in, and why not
 * a Map: a Map that changes on every connection leaves its old tables
 * behind, each holding the sockets it had, and the collector's quick
 * young-generation passes (scavenges) keep all of them until a full
 * collection (solutions/01-sockets/linked-list.ts).
 */
import { EventEmitter } from "node:events";
import type { Socket } from "node:net";
import { describe, expect, test } from "vitest";
import { ConnectionSet } from "#ch01/graceful-close.ts";
import { type Linked, LinkedList } from "#ch01/linked-list.ts";
import { keptOfChurn } from "#testing/collect-garbage.ts";

const BOOK = "chapters/01-sockets.md#a-list-that-lets-go";

class Item implements Linked<Item> {
  prev: Item | undefined = undefined;
  next: Item | undefined = undefined;
  constructor(readonly name: string) {}
}

const names = (list: LinkedList<Item>): string => [...list].map((item) => item.name).join(",");

/** A list of items a, b, c, ... in that order. */
function listOf(...of: string[]) {
  const list = new LinkedList<Item>();
  const items = of.map((name) => new Item(name));
  for (const item of items) list.push(item);
  return { list, items };
}

describe("LinkedList", () => {
  test("push keeps the order items came in", () => {
    const { list } = listOf("a", "b", "c");
    expect(names(list), `push adds at the end (${BOOK})`).toBe("a,b,c");
    expect(list.size, "size counts every push").toBe(3);
    expect(list.first?.name, "first is the item pushed first").toBe("a");
  });

  test.each([
    ["the first", 0, "b,c", "b"],
    ["a middle one", 1, "a,c", "a"],
    ["the last", 2, "a,b", "a"],
  ])("remove takes out %s and joins its neighbours", (_, at, left, first) => {
    const { list, items } = listOf("a", "b", "c");
    const item = items[at] as Item;
    list.remove(item);
    expect(names(list), `the rest, in order, after removing ${item.name} (${BOOK})`).toBe(left);
    expect(list.size, "size counts the removal").toBe(2);
    expect(list.first?.name, "first after the removal").toBe(first);
    expect(
      [item.prev, item.next],
      "a removed item points to nothing: links left on it would keep its old neighbours alive",
    ).toEqual([undefined, undefined]);
    // The ends must be right too: a push after the removal goes last.
    list.push(new Item("d"));
    expect(names(list), "a push after a removal goes at the end").toBe(`${left},d`);
  });

  test("removing the only item empties the list, and it can fill again", () => {
    const { list, items } = listOf("a");
    list.remove(items[0] as Item);
    expect([list.size, list.first, names(list)], "an empty list").toEqual([0, undefined, ""]);
    list.push(new Item("b"));
    expect(names(list), "first and last both forgot the removed item").toBe("b");
  });

  test("removing twice, or an item never pushed, changes nothing", () => {
    const { list, items } = listOf("a", "b", "c");
    list.remove(items[1] as Item);
    list.remove(items[1] as Item);
    list.remove(new Item("z"));
    expect(
      [names(list), list.size],
      "a socket's close can come after a shutdown already took it out: remove must be safe twice",
    ).toEqual(["a,c", 2]);
  });

  test("the item being visited can be removed during a walk", () => {
    const { list } = listOf("a", "b", "c", "d");
    const seen: string[] = [];
    for (const item of list) {
      seen.push(item.name);
      if (item.name !== "c") list.remove(item);
    }
    expect(seen.join(","), "the walk reads the next item before handing this one out").toBe(
      "a,b,c,d",
    );
    expect(names(list), "only c stayed").toBe("c");
  });
});

describe("ConnectionSet lets go of closed sockets at once", () => {
  test("a scavenge keeps almost none of 400 sockets that came and went", () => {
    const set = new ConnectionSet();
    const { share, summary } = keptOfChurn(400, (ballast) => {
      const socket = Object.assign(new EventEmitter(), { closed: false, ballast });
      set.add(socket as unknown as Socket);
      return () => socket.emit("close");
    });
    expect(set.size, "every socket closed, and left the set").toBe(0);
    expect(
      share,
      `${summary} of closed sockets survived two scavenges, freed only by a full collection. ` +
        "A Map keyed by socket does this (its replaced tables keep the sockets they held); " +
        `keep them in the linked list, and let a closed socket's listener hold nothing else (${BOOK})`,
    ).toBeLessThan(0.15);
  });
});
