/**
 * The ring of closed streams (closed-streams.ts): how each closed, the
 * newest word on an id, and the oldest forgotten past REMEMBERED.
 */
import { describe, expect, it } from "vitest";
import { ClosedStreams, REMEMBERED } from "#ch13/closed-streams.ts";

describe("ClosedStreams", () => {
  it("tells how each remembered stream closed", () => {
    const closed = new ClosedStreams();
    closed.remember(1, "ended");
    closed.remember(3, "reset");
    closed.remember(5, "peer-reset");
    expect([1, 3, 5].map((id) => closed.get(id))).toEqual(["ended", "reset", "peer-reset"]);
  });

  it("knows nothing of ids it never saw, above or among its own", () => {
    const closed = new ClosedStreams();
    closed.remember(7, "ended");
    expect(closed.get(9)).toBeUndefined();
    expect(closed.get(5)).toBeUndefined();
    expect(closed.get(0)).toBeUndefined();
  });

  it("answers with the newest entry when an id is remembered twice", () => {
    const closed = new ClosedStreams();
    closed.remember(11, "reset");
    closed.remember(11, "ended");
    expect(closed.get(11)).toBe("ended");
  });

  it("forgets the oldest once REMEMBERED more have closed", () => {
    const closed = new ClosedStreams();
    for (let n = 0; n <= REMEMBERED; n++) closed.remember(2 * n + 1, "reset");
    expect(closed.get(1)).toBeUndefined();
    expect(closed.get(3)).toBe("reset");
    expect(closed.get(2 * REMEMBERED + 1)).toBe("reset");
  });

  it("remembers an id below ones it saw before (a reset of an idle stream)", () => {
    const closed = new ClosedStreams();
    closed.remember(101, "ended");
    closed.remember(51, "reset");
    expect(closed.get(51)).toBe("reset");
    expect(closed.get(101)).toBe("ended");
  });
});
