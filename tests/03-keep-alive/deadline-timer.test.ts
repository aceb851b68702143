/**
 * The deadline timer's Node timers (deadline-timer.ts): one per
 * connection, moved only to fire earlier, and armed for the plan's own
 * duration. Node keeps a list of timers per duration, so a timer armed
 * for 4999 ms because the clock ticked between two reads of it would make
 * a list of its own.
 */
import net from "node:net";
import { afterEach, describe, expect, test, vi } from "vitest";
import { DEFAULT_CONNECTION_OPTIONS } from "#ch03/connection-options.ts";
import { DeadlineTimer } from "#ch03/deadline-timer.ts";
import { KEEP_ALIVE_TIMEOUT_MS } from "#ch03/timeouts.ts";
import { closeAll, get, startServer } from "./server.ts";

const BOOK = "chapters/03-keep-alive.md";

afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await closeAll();
});

/** setTimeout's delays, with a clock that ticks a millisecond per read. */
function armedDelays(): number[] {
  let now = 1_000_000;
  vi.spyOn(performance, "now").mockImplementation(() => now++);
  const delays: number[] = [];
  const real = globalThis.setTimeout;
  vi.spyOn(globalThis, "setTimeout").mockImplementation(((fn: () => void, ms?: number) => {
    delays.push(ms ?? 0);
    return real(fn, 60_000).unref();
  }) as typeof setTimeout);
  return delays;
}

describe("DeadlineTimer", () => {
  test("arms a Node timer for the plan's duration, even when the clock ticks", () => {
    const delays = armedDelays();
    const timer = new DeadlineTimer(() => {});
    timer.set({ kind: "idle", ms: 5_000 });
    timer.set({ kind: "linger", ms: 2_000 });
    timer.stop();
    expect(
      delays,
      `a timer armed for less than its plan makes a timer list of its own (${BOOK})`,
    ).toEqual([5_000, 2_000]);
  });

  test("a deadline moved later is re-armed for whole milliseconds, never a fraction", () => {
    let now = 1_000.25;
    vi.spyOn(performance, "now").mockImplementation(() => now);
    const delays: number[] = [];
    const armed: (() => void)[] = [];
    vi.spyOn(globalThis, "setTimeout").mockImplementation(((fn: () => void, ms?: number) => {
      delays.push(ms ?? 0);
      armed.push(fn);
      return { unref() {} } as unknown as NodeJS.Timeout;
    }) as typeof setTimeout);
    vi.spyOn(globalThis, "clearTimeout").mockImplementation(() => {});
    const timer = new DeadlineTimer(() => {});
    timer.set({ kind: "linger", ms: 2_000 });
    timer.set({ kind: "idle", ms: 5_000 }); // later: the pending timer stays
    now += 2_000.5;
    armed.at(-1)?.(); // fires early for the idle deadline, and re-arms
    timer.stop();
    expect(delays, `a fractional delay makes a timer list of its own (${BOOK})`).toEqual([
      2_000, 3_000,
    ]);
  });

  test("a later deadline keeps the pending timer; the same kind keeps its deadline", () => {
    const delays = armedDelays();
    const timer = new DeadlineTimer(() => {});
    timer.set({ kind: "linger", ms: 2_000 });
    timer.set({ kind: "idle", ms: 5_000 });
    timer.set({ kind: "idle", ms: 5_000 });
    timer.stop();
    expect(delays, `only an earlier deadline moves the timer (${BOOK})`).toEqual([2_000]);
  });

  test("expires with the kind whose deadline passed, once", () => {
    vi.useFakeTimers();
    const expired: string[] = [];
    const timer = new DeadlineTimer((kind) => expired.push(kind));
    timer.set({ kind: "idle", ms: 100 });
    vi.advanceTimersByTime(99);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(["idle"]);
    vi.advanceTimersByTime(1_000);
    expect(expired).toEqual(["idle"]);
    expect(vi.getTimerCount()).toBe(0);
  });

  test("a wall clock set back an hour does not give a connection an hour more", () => {
    vi.useFakeTimers();
    const expired: string[] = [];
    const timer = new DeadlineTimer((kind) => expired.push(kind));
    timer.set({ kind: "idle", ms: 100 });
    vi.setSystemTime(Date.now() - 3_600_000);
    vi.advanceTimersByTime(100);
    expect(expired, `deadlines count on a clock that only moves forward (${BOOK})`).toEqual([
      "idle",
    ]);
  });

  test("with the default deadlines, a connection that closes after one answer arms one Node timer", async () => {
    const delays: number[] = [];
    const real = globalThis.setTimeout;
    vi.spyOn(globalThis, "setTimeout").mockImplementation(((fn: () => void, ms?: number) => {
      delays.push(ms ?? 0);
      return real(fn, ms);
    }) as typeof setTimeout);
    const server = await startServer(() => ({ status: 200, body: "hi" }));
    // A client of its own: the raw client's give-up timer would be counted.
    const reply = await new Promise<string>((resolve, reject) => {
      const client = net.connect(server.port, "127.0.0.1", () =>
        client.write(get("/", "Connection: close\r\n")),
      );
      let got = "";
      client.setEncoding("latin1").on("data", (d: string) => (got += d));
      client
        .on("end", () => client.end())
        .on("close", () => resolve(got))
        .on("error", reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 200 /);
    const { lingerTimeoutMs, keepAliveTimeoutMs } = DEFAULT_CONNECTION_OPTIONS;
    expect(
      delays,
      `the linger deadline (${lingerTimeoutMs} ms) is not earlier than the idle one ` +
        `(${keepAliveTimeoutMs} ms), so closing keeps the idle deadline's timer (${BOOK})`,
    ).toEqual([KEEP_ALIVE_TIMEOUT_MS]);
  });
});
