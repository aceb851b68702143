/**
 * Pipelining (RFC 9112 §9.3.2) and back-pressure: many requests in one
 * write, responses strictly in order, and a bounded amount of work per
 * connection whatever the client sends.
 */
import net from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import type { Handler, HttpResponse } from "#ch03/message.ts";
import { JOIN_BODY_MAX } from "#ch03/response-encoder.ts";
import { http1ConnectionHandler } from "#ch03/serve-http1.ts";
import { eventually, gate } from "#testing/eventually.ts";
import { exchange } from "#testing/raw-client.ts";
import { expectBytes, expectTrue } from "#testing/wire.ts";
import { splitResponses } from "./responses.ts";
import { closeAll, get, startServer } from "./server.ts";

afterEach(closeAll);

const BOOK = "chapters/03-keep-alive.md#pipelining";
const RULE =
  "RFC 9112 §9.3.2: a server MUST send the corresponding responses in the same order that the requests were received";

/** A server on 127.0.0.1 whose sockets the test can watch from the inside. */
async function watchedServer(handler: Handler, prepare = (_socket: net.Socket): void => {}) {
  const serve = http1ConnectionHandler(handler);
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => {
    sockets.push(socket);
    prepare(socket);
    serve(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    sockets,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

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
  test("10 requests in one write → 10 responses in order, though the first handler finishes last", async () => {
    const gates = Array.from({ length: 10 }, () => gate());
    let entered = 0;
    const server = await startServer(async (req) => {
      const n = Number(req.target.slice(1));
      entered++;
      await gates[n]?.promise;
      return { status: 200, body: `response ${n}` };
    });
    const sent = Array.from({ length: 10 }, (_, i) => get(`/${i}`)).join("");
    const result = exchange(server.port, sent, { until: countResponses(10), timeoutMs: 10_000 });
    expectTrue(await eventually(() => entered === 10), `${entered} of 10 handlers ran`, {
      rule: RULE,
      book: BOOK,
    });
    for (const g of [...gates].reverse()) g.resolve(); // later requests finish first
    const r = await result;
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

  test("a large held body between small ones: every byte, in order", async () => {
    const big = Buffer.alloc(JOIN_BODY_MAX * 8, "b");
    const server = await startServer((req) => ({
      status: 200,
      body: req.target === "/big" ? big : `small ${req.target}`,
    }));
    const sent = get("/1") + get("/big") + get("/2");
    const r = await exchange(server.port, sent, { until: countResponses(3), timeoutMs: 10_000 });
    const bodies = splitResponses(r.received).map((x) => x.body);
    expectTrue(
      bodies.length === 3 &&
        bodies[0] === "small /1" &&
        bodies[1] === big.toString("latin1") &&
        bodies[2] === "small /2",
      `bodies: ${bodies.map((b) => b.length).join(", ")} bytes`,
      { rule: RULE, book: BOOK, sent },
    );
  });

  test("synchronous handlers: a burst is answered in few writes (corked)", async () => {
    // Count what the server hands the kernel, not how TCP splits it on the way.
    let writes = 0;
    const countWrites = (socket: net.Socket): void => {
      const own = socket as unknown as Record<"_write" | "_writev", (...a: unknown[]) => void>;
      for (const name of ["_write", "_writev"] as const) {
        const original = own[name].bind(socket);
        own[name] = (...args: unknown[]) => {
          writes++;
          original(...args);
        };
      }
    };
    const server = await watchedServer(() => ({ status: 200, body: "x" }), countWrites);
    const sent = get("/").repeat(50);
    const r = exchange(server.port, [sent], { until: countResponses(50), timeoutMs: 10_000 });
    expect(splitResponses((await r).received)).toHaveLength(50);
    server.close();
    expectTrue(
      writes >= 1 && writes <= 5,
      `50 pipelined responses left in ${writes} socket writes; expected a handful`,
      {
        rule: "responses produced in one tick leave in one writev (socket.cork / uncork)",
        book: "chapters/03-keep-alive.md#batching-writes",
      },
    );
  });

  test("handlers run in parallel: all 10 are running before any has answered", async () => {
    const release = gate();
    let running = 0;
    const server = await startServer(async () => {
      running++;
      await release.promise;
      return { status: 200, body: "ok" };
    });
    const r = exchange(server.port, get("/").repeat(10), {
      until: countResponses(10),
      timeoutMs: 10_000,
    });
    expectTrue(await eventually(() => running === 10), `only ${running} ran at once`, {
      rule: "RFC 9112 §9.3.2: a server MAY process pipelined safe requests in parallel",
      book: BOOK,
    });
    release.resolve();
    expect(splitResponses((await r).received)).toHaveLength(10);
  });
});

describe("back-pressure", () => {
  test("queue full: at most maxPipelinedRequests handlers run; the rest wait, then all are answered", async () => {
    const release: (() => void)[] = [];
    let started = 0;
    let answered = 0;
    let mostAtOnce = 0;
    const handler: Handler = (req) => {
      started++;
      mostAtOnce = Math.max(mostAtOnce, started - answered);
      return new Promise<HttpResponse>((resolve) =>
        release.push(() => {
          answered++;
          resolve({ status: 200, body: req.target });
        }),
      );
    };
    const server = await startServer(handler, { maxPipelinedRequests: 4 });
    const sent = Array.from({ length: 20 }, (_, i) => get(`/${i}`)).join("");
    const result = exchange(server.port, sent, { until: countResponses(20), timeoutMs: 10_000 });
    // Answer whatever is waiting, round after round, until all 20 are answered.
    while (answered < 20) {
      expectTrue(await eventually(() => release.length > 0), `stuck after ${answered}`, {
        book: BOOK,
      });
      for (const go of release.splice(0)) go();
    }
    expectTrue(mostAtOnce === 4, `${mostAtOnce} handlers ran at once with the queue limit at 4`, {
      rule: "a bounded queue: parse no further than maxPipelinedRequests ahead of the writer",
      book: "chapters/03-keep-alive.md#back-pressure",
    });
    const r = await result;
    expect(splitResponses(r.received).map((x) => x.body)).toEqual(
      Array.from({ length: 20 }, (_, i) => `/${i}`),
    );
  });

  test("a client that does not read stops the server reading (no unbounded buffering)", async () => {
    const big = Buffer.alloc(512 * 1024, 0x61);
    let calls = 0;
    const server = await watchedServer(() => {
      calls++;
      return { status: 200, body: big };
    });
    const socket = net.connect(server.port, "127.0.0.1");
    socket.pause(); // read nothing
    await new Promise<void>((resolve) => socket.on("connect", () => resolve()));
    socket.write(get("/").repeat(64));
    // Wait for the server's side of it: its writes back up and it stops reading.
    const blocked = (): boolean => {
      const s = server.sockets[0];
      return s?.writableNeedDrain === true && s.isPaused();
    };
    expectTrue(await eventually(blocked), "the server never stopped reading", {
      rule: "when socket.write() returns false, stop reading requests until 'drain'",
      book: "chapters/03-keep-alive.md#back-pressure",
    });
    const whileBlocked = calls;
    let received = 0;
    const done = new Promise<void>((resolve) => {
      socket.on("data", (d: Buffer) => {
        received += d.length;
        if (received >= 64 * big.length) resolve();
      });
    });
    socket.resume();
    await done;
    socket.destroy();
    server.close();
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
