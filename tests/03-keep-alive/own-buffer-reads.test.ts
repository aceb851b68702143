/**
 * Reading into one shared buffer (own-buffer-reads.ts): the fast path is
 * really taken on plain TCP, the 'data' path is taken whenever it must
 * be, and borrowed bytes never leak from one read into another, on the
 * same connection or a different one.
 */
import net from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { connectionInfo, type Protocol } from "#ch01/connection.ts";
import type { Http1Connection } from "#ch03/http1-connection.ts";
import type { Handler } from "#ch03/message.ts";
import { PROVEN_NODE_LINES, provenRuntime, type ReadMode } from "#ch03/own-buffer-reads.ts";
import { chooseProtocol } from "#ch03/protocol-choice.ts";
import { serveHttp1 } from "#ch03/serve-http1.ts";
import { eventually } from "#testing/eventually.ts";
import { exchange } from "#testing/raw-client.ts";
import { expectTrue } from "#testing/wire.ts";
import { splitResponses } from "./responses.ts";
import { closeAll, get, startServer } from "./server.ts";

afterEach(closeAll);

const BOOK = "chapters/03-keep-alive.md#reading-into-our-own-buffer";

const echoTarget: Handler = (req) => ({ status: 200, body: req.target });

/** A server that remembers each connection, to ask how it reads. */
async function connectionsOf(
  prepare: (socket: net.Socket) => void = () => {},
  readMode?: ReadMode,
): Promise<{ port: number; made: Http1Connection[]; close(): Promise<void> }> {
  const made: Http1Connection[] = [];
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => {
    sockets.push(socket);
    prepare(socket);
    made.push(serveHttp1(socket, echoTarget, readMode === undefined ? {} : { readMode }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    made,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

describe("which runtimes take the own-buffer path", () => {
  test("the Node lines CI proves, and no other runtime", () => {
    expect(provenRuntime({ node: "22.11.0" })).toBe(true);
    expect(provenRuntime({ node: "24.0.1" })).toBe(true);
    expect(provenRuntime({ node: "99.0.0" })).toBe(false);
    expect(provenRuntime({ node: "22.0.0", bun: "1.2.0" })).toBe(false);
    expect(provenRuntime({ node: "20.0.0", deno: "2.0.0" })).toBe(false);
  });

  test("this runtime is one of them (CI runs these tests on each line listed)", () => {
    const major = Number(process.versions.node.split(".")[0]);
    expectTrue(
      PROVEN_NODE_LINES.includes(major),
      `Node ${process.versions.node} is not in PROVEN_NODE_LINES: prove it (.ci/run) and list it`,
      { book: BOOK },
    );
  });
});

describe("which read path a connection takes", () => {
  test("a plain TCP socket reads into the shared buffer", async () => {
    const s = await connectionsOf();
    const r = await exchange(s.port, get("/a"), { until: (b) => b.includes("/a") });
    await s.close();
    expect(r.received.toString("latin1")).toContain("/a");
    expectTrue(
      s.made[0]?.readMode === "own-buffer",
      `the connection reads with "${s.made[0]?.readMode}", not "own-buffer": readIntoOwnBuffer() gave up on a plain net.Socket, so every read allocates a Buffer`,
      { book: BOOK },
    );
  });

  test("readMode: \"stream\" keeps the 'data' events", async () => {
    const s = await connectionsOf(() => {}, "stream");
    await exchange(s.port, get("/b"), { until: (b) => b.includes("/b") });
    await s.close();
    expect(s.made[0]?.readMode).toBe("stream");
  });

  test("a socket someone already listens to for 'data' is left alone", async () => {
    let seen = 0;
    const s = await connectionsOf((socket) => socket.on("data", () => seen++));
    const r = await exchange(s.port, get("/c"), { until: (b) => b.includes("/c") });
    await s.close();
    expect(s.made[0]?.readMode).toBe("stream");
    expect(seen).toBeGreaterThan(0);
    expect(r.received.toString("latin1")).toContain("/c");
  });
});

describe("after a preface check (chapter 13 registers HTTP/2)", () => {
  /** HTTP/1.1 behind a chooser that must read each plain socket first. */
  async function sniffed(
    handler: Handler = echoTarget,
    options: Parameters<typeof serveHttp1>[2] = {},
  ): Promise<{
    port: number;
    made: Http1Connection[];
    close(): Promise<void>;
  }> {
    const made: Http1Connection[] = [];
    const http1: Protocol = {
      id: "http/1.1",
      serve: (socket) => {
        const connection = serveHttp1(socket, handler, options);
        made.push(connection);
        return connection;
      },
    };
    const h2: Protocol = {
      id: "h2",
      preface: Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
      serve: () => {
        throw new Error("no HTTP/2 in this test");
      },
    };
    const choose = chooseProtocol([h2, http1]);
    const sockets: net.Socket[] = [];
    const server = net.createServer((socket) => {
      sockets.push(socket);
      choose(socket, connectionInfo(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    const close = (): Promise<void> =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    return { port, made, close };
  }

  test("the connection still reads into the shared buffer, the bytes read to decide first", async () => {
    const s = await sniffed();
    // "P" could start the preface: the chooser reads on, then hands both
    // writes' bytes over, and later requests arrive by the shared buffer.
    const r = await exchange(
      s.port,
      ["P", `OST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n${get("/b")}`, get("/c")],
      {
        gapMs: 30,
        until: (b) => b.includes("/c"),
      },
    );
    await s.close();
    const bodies = splitResponses(r.received).map((x) => x.body);
    expect(bodies).toEqual(["/a", "/b", "/c"]);
    expectTrue(
      s.made[0]?.readMode === "own-buffer",
      `after the preface check the connection reads with "${s.made[0]?.readMode}": the bytes put back in the stream made readIntoOwnBuffer() give up, so the connection pays for 'data' events on every read`,
      { book: BOOK },
    );
  });

  test("a request and the client's FIN in one go: answered, then closed", async () => {
    const s = await sniffed();
    const r = await exchange(s.port, get("/fin"), { endAfterWrite: true, timeoutMs: 2000 });
    await s.close();
    expect(splitResponses(r.received).map((x) => x.body)).toEqual(["/fin"]);
    expect(r.closedByServer).toBe(true);
  });

  test("bytes that decided stay whole after other connections' reads, read by 'data' too", async () => {
    // The chooser reads into the shared buffer and hands the first read to
    // the connection as it is. A connection on 'data' events must copy what
    // it keeps of it (here: the second request, queued behind the first),
    // or the next read on another connection overwrites it.
    let bArrived = (): void => {};
    const b = new Promise<void>((resolve) => {
      bArrived = resolve;
    });
    let aWaiting = (): void => {};
    const a = new Promise<void>((resolve) => {
      aWaiting = resolve;
    });
    const handler: Handler = async (req) => {
      if (req.target === "/a1") {
        aWaiting();
        await b;
      }
      if (req.target === "/b1") bArrived();
      return { status: 200, body: req.target };
    };
    const s = await sniffed(handler, { readMode: "stream", maxPipelinedRequests: 1 });
    const pair = (x: string): string => `${get(`/${x}1`)}${get(`/${x}2`)}`;
    const first = exchange(s.port, pair("a"), { until: (r) => r.includes("/a2") });
    await a;
    const second = await exchange(s.port, pair("b"), { until: (r) => r.includes("/b2") });
    const r = await first;
    await s.close();
    expect(splitResponses(second.received).map((x) => x.body)).toEqual(["/b1", "/b2"]);
    expect(splitResponses(r.received).map((x) => x.body)).toEqual(["/a1", "/a2"]);
  });
});

describe("borrowed bytes are copied before they outlive the read", () => {
  test("pipelined requests kept while reading is paused survive other connections' reads", async () => {
    // 40 requests in one write: 16 are parsed, the rest wait in the inbox
    // while the handlers are slow. Meanwhile a second connection's reads
    // land in the same shared buffer.
    const gates: (() => void)[] = [];
    const server = await startServer((req) =>
      req.target.startsWith("/slow/")
        ? new Promise((resolve) => gates.push(() => resolve({ status: 200, body: req.target })))
        : { status: 200, body: req.target },
    );
    const slow = Array.from({ length: 40 }, (_, i) => `/slow/${String(i).padStart(2, "0")}`);
    const first = exchange(server.port, slow.map((t) => get(t)).join(""), {
      until: (b) => b.toString("latin1").includes("/slow/39"),
      timeoutMs: 5000,
    });
    // The connection parses 16 (MAX_PIPELINED_REQUESTS) and keeps the rest.
    expectTrue(await eventually(() => gates.length === 16), "16 handlers never ran", {
      book: BOOK,
    });
    const noise = Array.from({ length: 30 }, (_, i) => get(`/noise/${"x".repeat(i + 20)}`));
    await exchange(server.port, noise.join(""), {
      until: (b) => b.toString("latin1").includes(`/noise/${"x".repeat(49)}`),
    });
    // Release the slow handlers as they arrive, 16 at a time.
    let released = 0;
    while (released < slow.length) {
      expectTrue(await eventually(() => gates.length > 0), `stuck at ${released}`, { book: BOOK });
      for (const open of gates.splice(0)) {
        open();
        released++;
      }
    }
    const bodies = splitResponses((await first).received).map((r) => r.body);
    expect(bodies).toEqual(slow);
  });

  test("the bytes after an upgrade head reach the new protocol first, then later bytes", async () => {
    const upgrading: Handler = (request) => {
      if (request.path !== "/up") return echoTarget(request);
      return {
        status: 101,
        headers: [["upgrade", "toy"]],
        upgrade: (socket) => {
          // Early bytes were read into the shared buffer: they must arrive intact.
          socket.on("data", (chunk: Buffer) => socket.write(`[${chunk.toString("latin1")}]`));
          socket.on("end", () => socket.end());
          socket.resume();
        },
      };
    };
    const server = await startServer(upgrading);
    const client = net.connect(server.port, "127.0.0.1");
    const received: Buffer[] = [];
    client.on("data", (b: Buffer) => received.push(b));
    const text = (): string => Buffer.concat(received).toString("latin1");
    client.write("GET /up HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: toy\r\n\r\nEARLY");
    await eventually(() => text().includes("\r\n\r\n"));
    // Other connections' reads overwrite the shared buffer in between.
    const other = get(`/${"o".repeat(200)}`);
    await exchange(server.port, other.repeat(5), { until: (b) => b.includes("o".repeat(200)) });
    client.write("LATER");
    await eventually(() => text().includes("[LATER]"));
    client.end();
    expect(text()).toMatch(
      /^HTTP\/1\.1 101 Switching Protocols\r\nupgrade: toy\r\ndate: [^\r]+\r\nconnection: upgrade\r\n\r\n\[EARLY\]\[LATER\]$/,
    );
  });
});
