/**
 * The stream state machine (RFC 9113 §5.1), table by table: every arrow
 * of the RFC's figure, and the errors the section names.
 */
import { describe, expect, test } from "vitest";
import { checkNewStreamId, isClientStream } from "#ch13/stream-ids.ts";
import { isActive, type StreamEvent, type StreamState, transition } from "#ch13/stream-state.ts";

type Row = readonly [StreamState, StreamEvent, StreamState | string];

/** Allowed moves: [from, event, to]. */
const MOVES: readonly Row[] = [
  ["idle", "recv-headers", "open"],
  ["idle", "send-headers", "open"],
  ["idle", "recv-priority", "idle"],
  ["open", "recv-data", "open"],
  ["open", "recv-headers", "open"],
  ["open", "send-headers", "open"],
  ["open", "send-data", "open"],
  ["open", "recv-end", "half-closed-remote"],
  ["open", "send-end", "half-closed-local"],
  ["open", "recv-rst", "closed"],
  ["open", "send-rst", "closed"],
  ["open", "recv-window", "open"],
  ["half-closed-remote", "send-headers", "half-closed-remote"],
  ["half-closed-remote", "send-data", "half-closed-remote"],
  ["half-closed-remote", "send-end", "closed"],
  ["half-closed-remote", "recv-window", "half-closed-remote"],
  ["half-closed-remote", "recv-priority", "half-closed-remote"],
  ["half-closed-remote", "recv-rst", "closed"],
  ["half-closed-local", "recv-data", "half-closed-local"],
  ["half-closed-local", "recv-end", "closed"],
  ["half-closed-local", "recv-rst", "closed"],
  ["half-closed-local", "send-rst", "closed"],
  ["closed", "recv-priority", "closed"],
  ["closed", "recv-window", "closed"],
  ["closed", "recv-rst", "closed"],
];

/** Refused moves: [from, event, "scope CODE"]. */
const ERRORS: readonly Row[] = [
  ["idle", "recv-data", "connection PROTOCOL_ERROR"],
  ["idle", "recv-rst", "connection PROTOCOL_ERROR"],
  ["idle", "recv-window", "connection PROTOCOL_ERROR"],
  ["idle", "send-data", "connection INTERNAL_ERROR"],
  ["half-closed-remote", "recv-data", "stream STREAM_CLOSED"],
  ["half-closed-remote", "recv-headers", "stream STREAM_CLOSED"],
  ["half-closed-remote", "recv-end", "stream STREAM_CLOSED"],
  ["half-closed-local", "send-data", "connection INTERNAL_ERROR"],
  ["half-closed-local", "send-end", "connection INTERNAL_ERROR"],
  ["closed", "recv-data", "stream STREAM_CLOSED"],
  ["closed", "recv-headers", "connection STREAM_CLOSED"],
  ["closed", "send-data", "connection INTERNAL_ERROR"],
  ["reserved-local", "recv-data", "stream PROTOCOL_ERROR"],
];

describe("transition (§5.1)", () => {
  test.each(MOVES)("%s --%s--> %s", (from, event, to) => {
    expect(transition(from, event)).toEqual({ ok: true, state: to });
  });

  test.each(ERRORS)("%s --%s--> %s", (from, event, error) => {
    const result = transition(from, event);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(`${result.scope} ${result.code}`).toBe(error);
  });

  test("a request and its response, end to end", () => {
    let state: StreamState = "idle";
    const events: StreamEvent[] = [
      "recv-headers",
      "recv-data",
      "recv-end",
      "send-headers",
      "send-data",
      "send-end",
    ];
    const seen = events.map((event) => {
      const next = transition(state, event);
      if (!next.ok) throw new Error(next.reason);
      state = next.state;
      return state;
    });
    expect(seen).toEqual([
      "open",
      "open",
      "half-closed-remote",
      "half-closed-remote",
      "half-closed-remote",
      "closed",
    ]);
  });

  test("only open and half-closed streams count toward the concurrency limit (§5.1.2)", () => {
    const states: StreamState[] = [
      "idle",
      "open",
      "half-closed-local",
      "half-closed-remote",
      "closed",
      "reserved-local",
    ];
    expect(states.filter(isActive)).toEqual(["open", "half-closed-local", "half-closed-remote"]);
  });
});

describe("stream ids (§5.1.1)", () => {
  test.each([
    [1, 0, undefined],
    [3, 1, undefined],
    [101, 7, undefined],
    [2, 0, "PROTOCOL_ERROR"],
    [3, 3, "PROTOCOL_ERROR"],
    [3, 5, "PROTOCOL_ERROR"],
  ])("stream %i after %i: %s", (id, highest, code) => {
    expect(checkNewStreamId(id, highest)?.code).toBe(code);
    if (code) expect(checkNewStreamId(id, highest)?.scope).toBe("connection");
  });

  test("odd ids are the client's", () => {
    expect([1, 2, 3, 4].map(isClientStream)).toEqual([true, false, true, false]);
  });
});
