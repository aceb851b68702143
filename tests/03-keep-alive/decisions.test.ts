/**
 * The connection's small decisions, each a pure function: persistence
 * (RFC 9112 §9.3), in-order release (§9.3.2), when to stop reading, and
 * which deadline applies.
 */
import { describe, expect, test } from "vitest";
import { type ReadingState, readingDecision } from "#ch03/back-pressure.ts";
import type { ConnectionState } from "#ch03/connection-state.ts";
import type { HeaderList } from "#ch03/message.ts";
import { shouldKeepAlive } from "#ch03/persistence.ts";
import { ResponseQueue } from "#ch03/response-queue.ts";
import { timerFor } from "#ch03/timeouts.ts";
import { expectTrue } from "#testing/wire.ts";

describe("shouldKeepAlive (RFC 9112 §9.3)", () => {
  const c = (...values: string[]): HeaderList => values.map((v) => ["connection", v] as const);
  test.each([
    ["HTTP/1.1", [], true, "1.1 persists by default"],
    ["HTTP/1.1", c("close"), false, "close option"],
    ["HTTP/1.1", c("Close"), false, "options are case-insensitive (RFC 9110 §7.6.1)"],
    ["HTTP/1.1", c("foo, close"), false, "close anywhere in the list"],
    ["HTTP/1.1", c("foo", " close "), false, "repeated Connection fields combine"],
    ["HTTP/1.1", c("closed"), true, "a longer token is not close"],
    ["HTTP/1.1", c("keep-alive"), true, "keep-alive on 1.1 changes nothing"],
    ["HTTP/1.0", [], false, "1.0 closes by default"],
    ["HTTP/1.0", c("keep-alive"), true, "1.0 opts in with keep-alive"],
    ["HTTP/1.0", c("Keep-Alive"), true, "case-insensitive"],
    ["HTTP/1.0", c("keep-alive, close"), false, "close wins"],
    ["HTTP/0.9", [], false, "unknown versions close"],
  ] as const)("%s %j → %s (%s)", (version, headers, expected, why) => {
    expectTrue(
      shouldKeepAlive(version, headers) === expected,
      `shouldKeepAlive(${version}, ${JSON.stringify(headers)}) should be ${expected}: ${why}`,
      {
        rule: "RFC 9112 §9.3: close → close; HTTP/1.1 → persist; HTTP/1.0 → persist only with keep-alive",
        book: "chapters/03-keep-alive.md#what-http10-changes",
      },
    );
  });
});

describe("ResponseQueue.shift (RFC 9112 §9.3.2: responses in request order)", () => {
  test("a later response that is ready waits for an earlier one", () => {
    const queue = new ResponseQueue<string>();
    const first = queue.reserve();
    const second = queue.reserve();
    const third = queue.reserve();
    queue.fill(third, "c");
    queue.fill(second, "b");
    expectTrue(queue.shift() === undefined, "shift() skipped a pending response", {
      rule: "RFC 9112 §9.3.2: a server MUST send the responses in the same order that the requests were received",
      book: "chapters/03-keep-alive.md#pipelining",
    });
    queue.fill(first, "a");
    expect([queue.shift(), queue.shift(), queue.shift(), queue.shift()]).toEqual([
      "a",
      "b",
      "c",
      undefined,
    ]);
    expect(queue.size).toBe(0);
  });

  test("size counts pending and ready responses; fill twice is refused", () => {
    const queue = new ResponseQueue<number>();
    const a = queue.reserve();
    queue.reserve();
    expect(queue.size).toBe(2);
    expect(queue.fill(a, 1)).toBe(true);
    expect(queue.fill(a, 2)).toBe(false);
    expect(queue.shift()).toBe(1);
    expect(queue.size).toBe(1);
  });

  test("clear() drops slots, and a late fill is ignored", () => {
    const queue = new ResponseQueue<number>();
    const a = queue.reserve();
    queue.clear();
    expect(queue.fill(a, 1)).toBe(false);
    expect(queue.shift()).toBeUndefined();
  });
});

describe("readingDecision (back-pressure)", () => {
  const base: ReadingState = {
    paused: false,
    inFlight: 0,
    maxInFlight: 16,
    writeBlocked: false,
    bodyBlocked: false,
  };
  test.each([
    [{}, "stay"],
    [{ inFlight: 15 }, "stay"],
    [{ inFlight: 16 }, "pause"],
    [{ writeBlocked: true }, "pause"],
    [{ bodyBlocked: true }, "pause"],
    [{ paused: true, inFlight: 16 }, "stay"],
    [{ paused: true, inFlight: 15 }, "resume"],
    [{ paused: true, inFlight: 3, writeBlocked: true }, "stay"],
    [{ paused: true, bodyBlocked: true }, "stay"],
    [{ paused: true }, "resume"],
  ] as const)("%j → %s", (change, expected) => {
    const decision = readingDecision({ ...base, ...change });
    expectTrue(
      decision === expected,
      `readingDecision(${JSON.stringify(change)}) = ${decision}, expected ${expected}`,
      {
        rule: "pause while any reason holds (queue full, writes blocked, body unread); resume when none does",
        book: "chapters/03-keep-alive.md#back-pressure",
      },
    );
  });
});

describe("timerFor (timeouts as defences)", () => {
  const settings = { headersTimeoutMs: 10, keepAliveTimeoutMs: 20, lingerTimeoutMs: 30 };
  test.each([
    ["idle", 0, { kind: "idle", ms: 20 }],
    ["idle", 1, undefined],
    ["head", 0, { kind: "head", ms: 10 }],
    ["head", 3, { kind: "head", ms: 10 }],
    ["body", 0, undefined],
    ["closing", 0, undefined],
    ["lingering", 0, { kind: "linger", ms: 30 }],
    ["upgraded", 0, undefined],
    ["closed", 0, undefined],
  ] as const)("%s with %i in flight → %j", (state, inFlight, expected) => {
    expect(timerFor(state as ConnectionState, inFlight, settings)).toEqual(expected);
  });

  test("the same plan is handed out again, a new one when the settings differ", () => {
    // A connection asks at the end of every event: no object per question.
    const first = timerFor("head", 0, settings);
    expect(timerFor("head", 2, settings)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const other = { ...settings, headersTimeoutMs: 11 };
    expect(timerFor("head", 0, other)).toEqual({ kind: "head", ms: 11 });
    expect(timerFor("head", 0, settings)).toEqual({ kind: "head", ms: 10 });
    expect(timerFor("idle", 0, other)).toEqual({ kind: "idle", ms: 20 });
  });
});
