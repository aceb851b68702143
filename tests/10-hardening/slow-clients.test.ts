/**
 * The slow-client attacks, with raw sockets: slowloris (a head trickled
 * in), slow POST (a body trickled in) and slow read (a response never
 * read). Each test shows the slow connections closed while a normal
 * client keeps being served. Limits are scaled down (ms, not s) so the
 * tests are quick; the defaults are in the chapter's table.
 */
import { EventEmitter } from "node:events";
import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { HttpRequest } from "#ch03/message.ts";
import { bodyOptions } from "#ch04/body-options.ts";
import { rateStep, SlowClientWatchdog } from "#ch10/slow-clients.ts";
import { collected, keptOfChurn } from "#testing/collect-garbage.ts";
import { startHttpServer, type TestHttpServer } from "#testing/http-server.ts";
import { eventually } from "#testing/eventually.ts";
import { connectPeer, type RawPeer, sleep, statusOf, within } from "./attacker.ts";

describe("rateStep: at least minRate × period bytes per period", () => {
  test("inactive: nothing is measured", () => {
    expect(rateStep(undefined, false, 0, 0, 240, 5_000)).toEqual({ kind: "idle" });
  });
  test("the first check opens a window; no verdict before a period", () => {
    const first = rateStep(undefined, true, 100, 0, 240, 5_000);
    expect(first).toEqual({ kind: "measuring", window: { since: 0, bytes: 100 } });
    expect(rateStep({ since: 0, bytes: 100 }, true, 100, 4_999, 240, 5_000)).toEqual(first);
  });
  test("a period below the rate is too slow; at the rate a new period starts", () => {
    const w = { since: 0, bytes: 0 };
    expect(rateStep(w, true, 1_199, 5_000, 240, 5_000)).toEqual({ kind: "too-slow" });
    expect(rateStep(w, true, 1_200, 5_000, 240, 5_000)).toEqual({
      kind: "measuring",
      window: { since: 5_000, bytes: 1_200 },
    });
  });
  test("a rate of 0 turns the check off", () => {
    expect(rateStep({ since: 0, bytes: 0 }, true, 0, 60_000, 0, 5_000)).toEqual({ kind: "idle" });
  });
});

describe("the watchdog's one timer", () => {
  /** Enough of a socket for the watchdog: its counters and 'close'. */
  const quietSocket = (): Socket =>
    Object.assign(new EventEmitter(), {
      bytesRead: 0,
      bytesWritten: 0,
      writableLength: 0,
    }) as unknown as Socket;
  const idle = { awaitingBody: false, abort: () => {} };

  test("runs while connections come and go, stops at a tick with none", () => {
    vi.useFakeTimers();
    try {
      const dog = new SlowClientWatchdog({ checkIntervalMs: 1_000 });
      expect(dog.running).toBe(false);
      const first = quietSocket();
      dog.watch(first, idle);
      first.emit("close");
      // Closed between ticks, and the next connection keeps the same timer.
      expect(dog.running).toBe(true);
      const second = quietSocket();
      dog.watch(second, idle);
      vi.advanceTimersByTime(1_000);
      expect(dog.running, "a connection is open: the timer must run").toBe(true);
      second.emit("close");
      vi.advanceTimersByTime(1_000);
      expect(dog.running, "no connection at the tick: the timer must stop").toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  test("a wall clock stepped an hour forward does not make every client too slow", () => {
    vi.useFakeTimers();
    try {
      const dog = new SlowClientWatchdog({ checkIntervalMs: 1_000, ratePeriodMs: 5_000 });
      const socket = quietSocket();
      let aborted = 0;
      dog.watch(socket, { awaitingBody: true, abort: () => void aborted++ });
      const reading = socket as unknown as { bytesRead: number };
      // A body arriving at 1,000 bytes/s, four times the minimum rate.
      for (let s = 1; s <= 6; s++) {
        reading.bytesRead = s * 1_000;
        vi.advanceTimersByTime(1_000);
      }
      vi.setSystemTime(Date.now() + 3_600_000);
      for (let s = 7; s <= 20; s++) {
        reading.bytesRead = s * 1_000;
        vi.advanceTimersByTime(1_000);
      }
      expect(
        aborted,
        "periods are measured on a clock that only moves forward (performance.now)",
      ).toBe(0);
      socket.emit("close");
      dog.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  test("a closed socket does not keep its connection: the watchdog's listener holds nothing", async () => {
    const dog = new SlowClientWatchdog({ checkIntervalMs: 1_000 });
    const socket = quietSocket();
    let connection: { awaitingBody: boolean; abort(): void } | undefined = {
      awaitingBody: false,
      abort: () => {},
    };
    dog.watch(socket, connection);
    const ref = new WeakRef(connection);
    connection = undefined;
    socket.emit("close");
    dog.stop();
    expect(
      await collected(ref),
      "the connection is still reachable from its closed socket: the watchdog's 'close' " +
        'listener captured it. Node keeps a closed socket a while (notes 09, "What a closed ' +
        'socket keeps"); listen with one function for every socket (deleteOnClose), which ' +
        "finds its entry by the socket it is called on.",
    ).toBe(true);
    // Held on purpose until here, as node would hold it.
    expect(socket.listenerCount("close")).toBe(1);
  });

  test("a scavenge keeps almost none of 400 connections that came and went", () => {
    const dog = new SlowClientWatchdog({ checkIntervalMs: 1_000 });
    const { share, summary } = keptOfChurn(400, (ballast) => {
      const socket = quietSocket();
      dog.watch(socket, { ...idle, ballast } as typeof idle);
      return () => socket.emit("close");
    });
    dog.stop();
    expect(
      share,
      `${summary} of closed connections survived two scavenges, freed only by a full ` +
        "collection. A Map keyed by socket does this (its replaced tables keep what they " +
        "held): keep the entries in chapter 01's linked list (chapters/10-hardening.md#the-watchdog)",
    ).toBeLessThan(0.15);
  });
});

const watchdog = new SlowClientWatchdog({
  minBodyRate: 2_000,
  minSendRate: 2_000,
  ratePeriodMs: 400,
  checkIntervalMs: 50,
});

/** 64 MiB: more than loopback's socket buffers hold, so writes back up. */
const BIG = Buffer.alloc(64 * 1024 * 1024, 0x61);

async function handler(request: HttpRequest) {
  if (request.target === "/big") return { status: 200, body: BIG };
  if (request.method === "POST") {
    let size = 0;
    for await (const chunk of request.body) size += chunk.byteLength;
    return { status: 200, body: `got ${size} bytes\n` };
  }
  return { status: 200, body: "hello world" };
}

let server: TestHttpServer;
beforeAll(async () => {
  server = await startHttpServer(handler, {
    ...bodyOptions(),
    headersTimeoutMs: 500,
    watchdog: watchdog.watch,
  });
});
afterAll(() => server.close());

/** Normal clients keep being served while `attack` runs. */
async function servedDuring(attack: Promise<unknown>): Promise<number> {
  let served = 0;
  while (!(await within(attack, 0))) {
    expect(await statusOf(server.port), "a normal client during the attack").toBe(200);
    served++;
    await sleep(50);
  }
  return served;
}

test("slowloris: heads trickled in get 408 at the head timeout", async () => {
  const peers: RawPeer[] = [];
  for (let i = 0; i < 20; i++) peers.push(await connectPeer(server.port));
  const trickle = setInterval(() => {
    for (const p of peers) if (!p.socket.destroyed) p.socket.write("X-Slow: 1\r\n");
  }, 100);
  for (const p of peers) p.socket.write("GET / HTTP/1.1\r\nHost: localhost\r\n");
  const attack = Promise.all(peers.map((p) => p.closed));
  try {
    const served = await servedDuring(within(attack, 3_000));
    expect(served).toBeGreaterThan(0);
    for (const p of peers) {
      expect(p.received()).toMatch(/^HTTP\/1\.1 408 /);
      expect(p.socket.destroyed || p.socket.readableEnded).toBe(true);
    }
  } finally {
    clearInterval(trickle);
  }
});

test("slow POST: a body below the minimum rate gets 408 BODY_TOO_SLOW", async () => {
  const slow = await connectPeer(server.port);
  slow.socket.write("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\n\r\n");
  const trickle = setInterval(() => slow.socket.write("0123456789"), 50); // 200 B/s
  try {
    const served = await servedDuring(within(slow.closed, 3_000));
    expect(served).toBeGreaterThan(0);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(slow.received()).toContain("below the minimum data rate");
  } finally {
    clearInterval(trickle);
  }
  expect(watchdog.closedSlowBody).toBeGreaterThanOrEqual(1);
  // The handler still reading the body is told the client is gone: a cut
  // we made is not a server error (no 500 logged at level error).
  const noted = await eventually(() => server.noted.join("\n").includes("connection closing"));
  expect(noted, `info lines: ${server.noted.join(" | ")}`).toBe(true);
  expect(server.logged).toEqual([]);
});

test("a body at a decent rate is not penalised", async () => {
  const peer = await connectPeer(server.port);
  peer.socket.write("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: 20000\r\n\r\n");
  for (let i = 0; i < 10; i++) {
    peer.socket.write(Buffer.alloc(2_000, 0x62)); // 2 000 B every 100 ms: 20 kB/s
    await sleep(100);
  }
  expect(await peer.waitFor("got 20000 bytes")).toMatch(/^HTTP\/1\.1 200 /);
  peer.socket.destroy();
});

test("slow read: a client that stops reading is closed; others are served", async () => {
  const before = watchdog.closedSlowRead;
  const reader = await connectPeer(server.port);
  reader.socket.write("GET /big HTTP/1.1\r\nHost: localhost\r\n\r\n");
  reader.socket.pause(); // reads nothing more: the server's writes back up
  const closedByServer = new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (watchdog.closedSlowRead > before) {
        clearInterval(poll);
        resolve();
      }
    }, 20);
  });
  const served = await servedDuring(within(closedByServer, 5_000));
  expect(watchdog.closedSlowRead, "the watchdog closed the slow reader").toBe(before + 1);
  expect(served).toBeGreaterThan(0);
  reader.socket.destroy();
});
