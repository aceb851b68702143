/**
 * Pipelining (RFC 9112 §9.3.2) and back-pressure: many requests in one
 * write, responses strictly in order, and a bounded amount of work per
 * connection whatever the client sends.
 */
import net from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import type { Handler, HttpResponse } from "#ch03/message.ts";
import { exchange } from "#testing/raw-client.ts";
import { expectBytes, expectTrue } from "#testing/wire.ts";
import { splitResponses } from "./responses.ts";
import { closeAll, get, sleep, startServer } from "./server.ts";

afterEach(closeAll);

const BOOK = "chapters/03-keep-alive.md#pipelining";
const RULE =
  "RFC 9112 §9.3.2: a server MUST send the corresponding responses in the same order that the requests were received";

const countResponses =
  (n: number) =>
  (b: Buffer): boolean => {
    try {
      return splitResponses(b).length >= n;
    } catch {
      return false;
    }
  };

describe("pipelined requests", () => {
  test("10 requests in one write → 10 responses in order, though the first handler is slowest", async () => {
    const server = await startServer(async (req) => {
      const n = Number(req.target.slice(1));
      await sleep(n === 0 ? 150 : 5 * (10 - n)); // later requests finish first
      return { status: 200, body: `response ${n}` };
    });
    const sent = Array.from({ length: 10 }, (_, i) => get(`/${i}`)).join("");
    const r = await exchange(server.port, sent, { until: countResponses(10), timeoutMs: 3000 });
    const bodies = splitResponses(r.received)
      .map((x) => x.body)
      .join("\n");
    expectBytes(
      bodies,
      Array.from({ length: 10 }, (_, i) => `response ${i}`).join("\n"),
      { rule: RULE, book: BOOK, sent },
      "Response bodies in arrival order",
    );
  });

  test("synchronous handlers: a burst is answered in few writes (corked)", async () => {
    const server = await startServer(() => ({ status: 200, body: "x" }));
    const sent = get("/").repeat(50);
    const chunks: number[] = [];
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(server.port, "127.0.0.1", () => socket.write(sent));
      let got = Buffer.alloc(0);
      socket.on("data", (d: Buffer) => {
        chunks.push(d.length);
        got = Buffer.concat([got, d]);
        if (countResponses(50)(got)) {
          socket.destroy();
          resolve();
        }
      });
      socket.on("error", reject);
      setTimeout(() => reject(new Error("timed out")), 3000).unref();
    });
    expectTrue(
      chunks.length <= 5,
      `50 pipelined responses arrived in ${chunks.length} reads; expected a handful`,
      {
        rule: "responses produced in one tick leave in one writev (socket.cork / uncork)",
        book: "chapters/03-keep-alive.md#batching-writes",
      },
    );
  });

  test("handlers run in parallel: 10 slow requests take about one handler's time", async () => {
    const server = await startServer(async () => {
      await sleep(100);
      return { status: 200, body: "ok" };
    });
    const started = Date.now();
    const r = await exchange(server.port, get("/").repeat(10), {
      until: countResponses(10),
      timeoutMs: 3000,
    });
    expect(splitResponses(r.received)).toHaveLength(10);
    expect(Date.now() - started).toBeLessThan(800);
  });
});

describe("back-pressure", () => {
  test("queue full: at most maxPipelinedRequests handlers run; the rest wait, then all are answered", async () => {
    const release: (() => void)[] = [];
    let started = 0;
    const handler: Handler = (req) => {
      started++;
      return new Promise<HttpResponse>((resolve) =>
        release.push(() => resolve({ status: 200, body: req.target })),
      );
    };
    const server = await startServer(handler, { maxPipelinedRequests: 4 });
    const sent = Array.from({ length: 20 }, (_, i) => get(`/${i}`)).join("");
    const result = exchange(server.port, sent, { until: countResponses(20), timeoutMs: 4000 });
    await sleep(150);
    expectTrue(started === 4, `${started} handlers started with the queue limit at 4`, {
      rule: "a bounded queue: parse no further than maxPipelinedRequests ahead of the writer",
      book: "chapters/03-keep-alive.md#back-pressure",
    });
    for (let round = 0; round < 40 && release.length > 0; round++) {
      for (const go of release.splice(0)) go();
      await sleep(20);
    }
    const r = await result;
    expect(splitResponses(r.received).map((x) => x.body)).toEqual(
      Array.from({ length: 20 }, (_, i) => `/${i}`),
    );
  });

  test("a client that does not read stops the server reading (no unbounded buffering)", async () => {
    const big = Buffer.alloc(512 * 1024, 0x61);
    let calls = 0;
    const server = await startServer(() => {
      calls++;
      return { status: 200, body: big };
    });
    const socket = net.connect(server.port, "127.0.0.1");
    socket.pause(); // read nothing
    await new Promise<void>((resolve) => socket.on("connect", () => resolve()));
    socket.write(get("/").repeat(64));
    await sleep(300);
    const whileBlocked = calls;
    let received = 0;
    const done = new Promise<void>((resolve) => {
      socket.on("data", (d: Buffer) => {
        received += d.length;
        if (received >= 64 * big.length) resolve();
      });
    });
    socket.resume();
    await Promise.race([done, sleep(5000)]);
    socket.destroy();
    expectTrue(
      whileBlocked < 32,
      `the server produced ${whileBlocked} of 64 half-MiB responses for a client that read nothing`,
      {
        rule: "when socket.write() returns false, stop reading requests until 'drain'",
        book: "chapters/03-keep-alive.md#back-pressure",
      },
    );
    expect(calls).toBe(64);
    expect(received).toBeGreaterThanOrEqual(64 * big.length);
  });
});
