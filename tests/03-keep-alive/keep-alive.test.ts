/**
 * Persistent connections over a real socket (RFC 9112 §9.3): who keeps
 * the connection, who closes it, and how the deadlines end it.
 */
import { afterEach, describe, expect, test } from "vitest";
import type { Handler } from "#ch03/message.ts";
import { exchange } from "#testing/raw-client.ts";
import { expectTrue } from "#testing/wire.ts";
import { header, splitResponses } from "./responses.ts";
import { closeAll, get, sleep, startServer } from "./server.ts";

afterEach(closeAll);

const BOOK = "chapters/03-keep-alive.md#persistent-connections";
const hello: Handler = () => ({
  status: 200,
  headers: [["content-type", "text/plain"]],
  body: "hello world",
});

/** Read until `n` complete responses arrived (or the server closed). */
const responses =
  (n: number, noBody: (i: number) => boolean = () => false) =>
  (b: Buffer): boolean => {
    try {
      return splitResponses(b, noBody).length >= n;
    } catch {
      return false;
    }
  };

describe("HTTP/1.1: persistent by default", () => {
  test("two requests on one connection both get answers; the connection stays open", async () => {
    const server = await startServer(hello);
    const sent = get("/a") + get("/b");
    const r = await exchange(server.port, sent, { until: responses(2), timeoutMs: 2000 });
    const [a, b] = splitResponses(r.received);
    expect(a?.status).toBe(200);
    expect(b?.status).toBe(200);
    expectTrue(
      !r.closedByServer && header(b!, "connection") === undefined,
      "an HTTP/1.1 connection was closed without Connection: close",
      {
        rule: "RFC 9112 §9.3: HTTP/1.1 defaults to the use of persistent connections",
        book: BOOK,
        sent,
        curl: "curl -sv http://127.0.0.1:PORT/hello http://127.0.0.1:PORT/hello",
      },
    );
  });

  test("Connection: close from the client: answered with close, then the server closes", async () => {
    const server = await startServer(hello);
    const sent = get("/a", "Connection: close\r\n") + get("/never");
    const r = await exchange(server.port, sent, { timeoutMs: 2000 });
    const all = splitResponses(r.received);
    expectTrue(
      all.length === 1 && header(all[0]!, "connection") === "close" && r.closedByServer,
      `expected one response with Connection: close and then FIN; got ${all.length} response(s), closed=${r.closedByServer}`,
      {
        rule: "RFC 9112 §9.6: a server that receives close MUST initiate close after the response, and MUST NOT process further requests",
        book: BOOK,
        sent,
      },
    );
  });

  test("Connection: close from the handler closes after that response", async () => {
    const server = await startServer(() => ({
      status: 200,
      headers: [["connection", "close"]],
      body: "bye",
    }));
    const r = await exchange(server.port, get("/") + get("/"), { timeoutMs: 2000 });
    const all = splitResponses(r.received);
    expect(all.map((x) => x.body)).toEqual(["bye"]);
    expect(header(all[0]!, "connection")).toBe("close");
    expect(r.closedByServer).toBe(true);
  });
});

describe("HTTP/1.0 (RFC 9112 §9.3, Appendix C.2.2)", () => {
  test("without keep-alive: one response, Connection: close, then close", async () => {
    const server = await startServer(hello);
    const sent = "GET /hello HTTP/1.0\r\n\r\n";
    const r = await exchange(server.port, sent, { timeoutMs: 2000 });
    const [a] = splitResponses(r.received);
    expect(a?.statusLine).toBe("HTTP/1.1 200 OK");
    expectTrue(
      header(a!, "connection") === "close" && r.closedByServer,
      "an HTTP/1.0 request without keep-alive must close the connection",
      {
        rule: "RFC 9112 §9.3: HTTP/1.0 without keep-alive: the connection will close after the current response",
        book: "chapters/03-keep-alive.md#what-http10-changes",
        sent,
        curl: "curl -sv --http1.0 http://127.0.0.1:PORT/hello",
      },
    );
  });

  test("with Connection: keep-alive: answered with keep-alive, and stays open", async () => {
    const server = await startServer(hello);
    const one = "GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
    const r = await exchange(server.port, one + one, { until: responses(2), timeoutMs: 2000 });
    const all = splitResponses(r.received);
    expect(all).toHaveLength(2);
    for (const x of all) expect(header(x, "connection")).toBe("keep-alive");
    expect(r.closedByServer).toBe(false);
  });
});

describe("HEAD and bodiless statuses on the wire", () => {
  test("HEAD gets GET's headers, no body, and the next response still parses", async () => {
    const server = await startServer(hello);
    const sent = "HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n" + get("/hello");
    const r = await exchange(server.port, sent, {
      until: responses(2, (i) => i === 0),
      timeoutMs: 2000,
    });
    const [h, g] = splitResponses(r.received, (i) => i === 0);
    expect(header(h!, "content-length")).toBe("11");
    expect(h!.body).toBe("");
    expectTrue(
      g?.body === "hello world",
      "the response after HEAD was misframed: did HEAD send a body?",
      {
        rule: "RFC 9110 §9.3.2: the server MUST NOT send content in the response to HEAD",
        book: "chapters/03-keep-alive.md#serializing-a-response",
        sent,
        curl: "curl -sI http://127.0.0.1:PORT/hello",
      },
    );
  });

  test.each([204, 304])("%i has no body even if the handler gives one", async (status) => {
    const server = await startServer((req) =>
      req.target === "/x" ? { status, body: "oops" } : { status: 200, body: "next" },
    );
    const r = await exchange(server.port, get("/x") + get("/y"), {
      until: responses(2),
      timeoutMs: 2000,
    });
    const all = splitResponses(r.received);
    expect(all.map((x) => [x.status, x.body])).toEqual([
      [status, ""],
      [200, "next"],
    ]);
    expect(header(all[0]!, "content-length")).toBeUndefined();
  });
});

describe("limits and deadlines", () => {
  test("maxRequestsPerConnection: the last response carries Connection: close", async () => {
    const server = await startServer(hello, { maxRequestsPerConnection: 3 });
    const r = await exchange(server.port, get("/") + get("/") + get("/") + get("/"), {
      timeoutMs: 2000,
    });
    const all = splitResponses(r.received);
    expect(all.map((x) => header(x, "connection"))).toEqual([undefined, undefined, "close"]);
    expect(r.closedByServer).toBe(true);
  });

  test("the default cap does not close a busy connection: 1,000 requests, no close", async () => {
    const server = await startServer(hello);
    const r = await exchange(server.port, get("/").repeat(1000), {
      until: (bytes) => bytes.toString("latin1").split("hello world").length > 1000,
      timeoutMs: 5000,
    });
    const all = splitResponses(r.received);
    expect(all).toHaveLength(1000);
    expect(all.filter((x) => header(x, "connection") === "close")).toHaveLength(0);
    expect(r.closedByServer).toBe(false);
  });

  test("maxConnectionAgeMs: the first response after it says Connection: close", async () => {
    let now = 1_000_000;
    const server = await startServer(
      (request) => {
        if (request.target === "/later") now += 61_000; // the handler moves the clock
        return { status: 200, headers: [["content-type", "text/plain"]], body: "ok" };
      },
      { maxConnectionAgeMs: 60_000, clock: () => now },
    );
    const r = await exchange(server.port, get("/") + get("/later") + get("/") + get("/"), {
      timeoutMs: 2000,
    });
    const all = splitResponses(r.received);
    // /later is answered before the age is passed; the next request is past it.
    expect(all.map((x) => header(x, "connection"))).toEqual([undefined, undefined, "close"]);
    expect(r.closedByServer).toBe(true);
  });

  test("keep-alive timeout: an idle connection is closed, silently", async () => {
    const server = await startServer(hello, { keepAliveTimeoutMs: 150 });
    const started = Date.now();
    const r = await exchange(server.port, get("/"), { timeoutMs: 2000 });
    const elapsed = Date.now() - started;
    expect(splitResponses(r.received)).toHaveLength(1);
    expectTrue(
      r.closedByServer && elapsed >= 140 && elapsed < 1500,
      `idle connection closed=${r.closedByServer} after ${elapsed} ms; expected close after ~150 ms`,
      {
        rule: "keepAliveTimeoutMs bounds how long an idle connection holds a descriptor",
        book: "chapters/03-keep-alive.md#timeouts-as-defences",
      },
    );
  });

  test("the idle deadline counts from the last answer: a busy connection outlives it", async () => {
    // Each request is read and answered within one read (idle, head, idle):
    // the connection must still notice that its idle period began again.
    const server = await startServer(hello, { keepAliveTimeoutMs: 400 });
    const sent = Array.from({ length: 9 }, () => get("/"));
    const r = await exchange(server.port, sent, {
      gapMs: 100,
      until: responses(9),
      timeoutMs: 3000,
    });
    const answered = splitResponses(r.received).length;
    expectTrue(
      answered === 9 && !r.closedByServer,
      `a connection sending a request every 100 ms was closed after ${answered} of 9 answers (keep-alive timeout 400 ms)`,
      {
        rule: "keepAliveTimeoutMs bounds silence, counted from the last answer, not the connection's first request",
        book: "chapters/03-keep-alive.md#timeouts-as-defences",
      },
    );
  });

  test("no idle timeout while a slow handler is still working", async () => {
    const server = await startServer(
      async () => {
        await sleep(300);
        return { status: 200, body: "slow" };
      },
      { keepAliveTimeoutMs: 100 },
    );
    const r = await exchange(server.port, get("/"), { until: responses(1), timeoutMs: 2000 });
    expect(splitResponses(r.received)[0]?.body).toBe("slow");
  });

  test("head timeout: a head trickled byte by byte gets 408 and a close (slow loris)", async () => {
    const server = await startServer(hello, { headersTimeoutMs: 200 });
    const trickle = Array.from("GET / HTTP/1.1\r\nHost: t\r\nX-Slow: ", (c) => c);
    const started = Date.now();
    const r = await exchange(server.port, trickle, { gapMs: 20, timeoutMs: 3000 });
    const elapsed = Date.now() - started;
    const [a] = splitResponses(r.received);
    expectTrue(
      a?.status === 408 && r.closedByServer && elapsed < 1000,
      `expected 408 then close within ~200 ms; got status ${a?.status} closed=${r.closedByServer} after ${elapsed} ms`,
      {
        rule: "headersTimeoutMs counts from the head's first byte; new bytes must not push it back",
        book: "chapters/03-keep-alive.md#timeouts-as-defences",
      },
    );
    expect(header(a!, "connection")).toBe("close");
  });

  test("the head timeout does not cut a connection that sends heads promptly", async () => {
    const server = await startServer(hello, { headersTimeoutMs: 150, keepAliveTimeoutMs: 1000 });
    const r = await exchange(server.port, [get("/"), get("/"), get("/")], {
      gapMs: 100,
      until: responses(3),
      timeoutMs: 2000,
    });
    expect(splitResponses(r.received).map((x) => x.status)).toEqual([200, 200, 200]);
  });

  test("a client that half-closes still gets every answer (RFC 9112 §9.6)", async () => {
    const server = await startServer(async () => {
      await sleep(50);
      return { status: 200, body: "late" };
    });
    const r = await exchange(server.port, get("/") + get("/"), {
      endAfterWrite: true,
      timeoutMs: 2000,
    });
    expect(splitResponses(r.received).map((x) => x.body)).toEqual(["late", "late"]);
    expect(r.closedByServer).toBe(true);
  });
});
