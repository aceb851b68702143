/** RFC 9218: the Priority field, PRIORITY_UPDATE, and the scheduler's pick. */
import { describe, expect, test } from "vitest";
import { decodePriorityUpdate, DEFAULT_PRIORITY, parsePriority } from "#ch13/priority.ts";
import { PriorityScheduler } from "#ch13/scheduler.ts";

describe("parsePriority (RFC 9218 §4, RFC 8941 §3.2)", () => {
  test.each([
    ["", 3, false],
    ["u=0", 0, false],
    ["u=7, i", 7, true],
    ["i", 3, true],
    ["i=?1", 3, true],
    ["i=?0", 3, false],
    ["u=5,i", 5, true],
    ["  u=1 ,  i  ", 1, true],
    // Out of range or of the wrong type: that parameter is ignored.
    ["u=8", 3, false],
    ["u=-1", 3, false],
    ["u=1.5", 3, false],
    ["u=a, i", 3, true],
    ["i=1", 3, false],
    // Unknown members and parameters are ignored.
    ["x=1, u=2;p=3", 2, false],
    // Not a dictionary: the whole field is ignored.
    ["U=1", 3, false],
    ["u=1, =2", 3, false],
  ])("%j -> u=%i i=%s", (value, urgency, incremental) => {
    expect(parsePriority(value)).toEqual({ urgency, incremental });
  });

  test("an update keeps what it does not mention (§7.1)", () => {
    expect(parsePriority("i", { urgency: 1, incremental: false })).toEqual({
      urgency: 1,
      incremental: true,
    });
    expect(parsePriority("u=6", { urgency: 1, incremental: true })).toEqual({
      urgency: 6,
      incremental: true,
    });
  });
});

describe("decodePriorityUpdate (RFC 9218 §7.1)", () => {
  const payload = (id: number, value: string) => {
    const out = Buffer.alloc(4 + value.length);
    out.writeUInt32BE(id, 0);
    out.write(value, 4, "latin1");
    return out;
  };
  test("a stream id and a field value", () => {
    expect(decodePriorityUpdate(0, payload(5, "u=1"))).toEqual({
      ok: true,
      value: { streamId: 5, value: "u=1" },
    });
  });
  test.each([
    [1, payload(5, "u=1"), "PROTOCOL_ERROR"],
    [0, Buffer.alloc(3), "FRAME_SIZE_ERROR"],
    [0, payload(0, "u=1"), "PROTOCOL_ERROR"],
    [0, payload(4, "u=1"), "PROTOCOL_ERROR"],
  ])("frame on %i: %s", (stream, bytes, code) => {
    const result = decodePriorityUpdate(stream, bytes);
    expect(result.ok ? "ok" : `${result.error.scope} ${result.error.code}`).toBe(
      `connection ${code}`,
    );
  });
});

describe("PriorityScheduler.pick (RFC 9218 §10)", () => {
  const all = () => true;
  function picks(
    s: PriorityScheduler,
    n: number,
    can: (id: number) => boolean = all,
  ): (number | undefined)[] {
    return Array.from({ length: n }, () => s.pick(can));
  }

  test("lower urgency first, whatever the arrival order", () => {
    const s = new PriorityScheduler();
    s.add(1, { urgency: 5, incremental: false });
    s.add(3, { urgency: 1, incremental: false });
    s.add(5, DEFAULT_PRIORITY);
    expect(s.pick(all)).toBe(3);
    s.remove(3);
    expect(s.pick(all)).toBe(5);
  });

  test("non-incremental streams of one urgency: the oldest, again and again", () => {
    const s = new PriorityScheduler();
    s.add(7, DEFAULT_PRIORITY);
    s.add(3, DEFAULT_PRIORITY);
    expect(picks(s, 3)).toEqual([3, 3, 3]);
  });

  test("incremental streams share by turns (round-robin)", () => {
    const s = new PriorityScheduler();
    for (const id of [1, 3, 5]) s.add(id, { urgency: 3, incremental: true });
    expect(picks(s, 6)).toEqual([1, 3, 5, 1, 3, 5]);
  });

  test("whole responses before incremental ones of the same urgency", () => {
    const s = new PriorityScheduler();
    s.add(1, { urgency: 3, incremental: true });
    s.add(3, { urgency: 3, incremental: false });
    expect(s.pick(all)).toBe(3);
  });

  test("a stream that cannot send is skipped, never waited for", () => {
    const s = new PriorityScheduler();
    s.add(1, { urgency: 0, incremental: false });
    s.add(3, { urgency: 4, incremental: true });
    expect(s.pick((id) => id !== 1)).toBe(3);
    expect(s.pick(() => false)).toBeUndefined();
  });

  test("a new priority moves the stream (PRIORITY_UPDATE)", () => {
    const s = new PriorityScheduler();
    s.add(1, DEFAULT_PRIORITY);
    s.add(3, DEFAULT_PRIORITY);
    s.add(3, { urgency: 0, incremental: false });
    expect(s.pick(all)).toBe(3);
    expect(s.size).toBe(2);
  });
});
