/**
 * Request bodies over a real connection: both framings reach the handler
 * intact at any split, the limits answer 413 (RFC 9110 §15.5.14) early
 * for Content-Length and mid-stream for chunked, and a body the handler
 * did not read is drained when small, so the next pipelined request is
 * answered in sync (RFC 9112 §9.3.2), or the connection closes.
 */
import { afterEach, describe, expect, test } from "vitest";
import { demoRoutes } from "#ch03/demo-routes.ts";
import { exchange } from "#testing/raw-client.ts";
import { expectTrue } from "#testing/wire.ts";
import { closeAll, echoBody, get, ignoreBody, readBody, startServer, statuses } from "./server.ts";

afterEach(closeAll);

const BOOK = "chapters/04-bodies-and-chunking.md";
const postCl = (body: string, extra = ""): string =>
  `POST /up HTTP/1.1\r\nHost: test\r\nContent-Length: ${body.length}\r\n${extra}\r\n${body}`;
const postChunked = (chunks: readonly string[]): string =>
  `POST /up HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n${chunks
    .map((c) => `${c.length.toString(16)}\r\n${c}\r\n`)
    .join("")}0\r\n\r\n`;

const doneAfter = (n: number) => (b: Buffer) => statuses(b).length >= n;

describe("request trailers reach the handler once the body is read (RFC 9110 §6.5)", () => {
  test("allowed trailers appear on request.body.trailers after the last chunk; framing fields never do", async () => {
    let before: unknown;
    let after: unknown;
    const server = await startServer(async (req) => {
      before = req.body.trailers;
      const text = await readBody(req);
      after = req.body.trailers;
      return { status: 200, body: text };
    });
    const request =
      "POST /up HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\nTrailer: x-checksum\r\n\r\n" +
      "5\r\nhello\r\n0\r\nX-Checksum: abc123\r\nContent-Length: 99\r\n\r\n";
    const r = await exchange(server.port, request, { until: doneAfter(1), timeoutMs: 3000 });
    expect(statuses(r.received)).toEqual([200]);
    expect(before).toEqual([]);
    expectTrue(
      JSON.stringify(after) === JSON.stringify([["x-checksum", "abc123"]]),
      `request.body.trailers after the body was read: expected [["x-checksum","abc123"]], got ${JSON.stringify(after)}`,
      {
        rule: "RFC 9110 §6.5.1: a trailer must not carry framing fields such as Content-Length; the rest may reach the handler",
        book: "chapters/04-bodies-and-chunking.md",
        sent: request,
      },
    );
  });
});

describe("/echo reflects trailers", () => {
  test("the demo /echo shows the trailers it received, and no trailers key without them", async () => {
    const server = await startServer(demoRoutes);
    const post = (trailer: string): string =>
      `POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n${trailer}\r\n`;
    const r = await exchange(server.port, post("X-Sum: 7\r\n") + post(""), {
      until: doneAfter(2),
      timeoutMs: 3000,
    });
    const bodies = r.received
      .toString("latin1")
      .split(/HTTP\/1\.1 200 OK\r\n/)
      .slice(1)
      .map(
        (part) => JSON.parse(part.slice(part.indexOf("\r\n\r\n") + 4)) as Record<string, unknown>,
      );
    expect(bodies[0]?.trailers).toEqual([["x-sum", "7"]]);
    expect(bodies[0]?.body).toBe("hi");
    expect(bodies[1] !== undefined && "trailers" in bodies[1]).toBe(false);
  });
});

describe("bodies reach the handler", () => {
  test.each([
    ["Content-Length", postCl("A".repeat(3000))],
    ["chunked", postChunked(["A".repeat(1000), "A".repeat(1000), "A".repeat(1000)])],
  ])(
    "%s body read late, after other connections' reads reused the read buffer",
    async (_name, request) => {
      // The connection reads into one buffer shared by every connection
      // (chapter 03, own-buffer-reads.ts); body bytes must be copied out.
      let bodyArrived: () => void = () => {};
      const arrived = new Promise<void>((resolve) => (bodyArrived = resolve));
      let othersDone: () => void = () => {};
      const others = new Promise<void>((resolve) => (othersDone = resolve));
      const server = await startServer(async (req) => {
        if (req.target !== "/up") return echoBody(req);
        bodyArrived();
        await others;
        return echoBody(req);
      });
      const upload = exchange(server.port, request, { until: doneAfter(1), timeoutMs: 5000 });
      await arrived;
      await new Promise((resolve) => setTimeout(resolve, 20)); // the whole body is read
      const noise = `POST /noise HTTP/1.1\r\nHost: t\r\nContent-Length: 3000\r\n\r\n${"B".repeat(3000)}`;
      await exchange(server.port, noise.repeat(3), { until: doneAfter(3), timeoutMs: 5000 });
      othersDone();
      const text = (await upload).received.toString("latin1");
      expectTrue(
        text.endsWith(`\r\n\r\n${"A".repeat(3000)}`),
        "the body the handler read is not the body that was sent: bytes read into the shared buffer were handed to the body stream without a copy, and a later read overwrote them",
        { book: "chapters/03-keep-alive.md#reading-into-our-own-buffer" },
      );
    },
  );

  test.each([
    ["Content-Length", postCl("hello world")],
    ["chunked", postChunked(["hello", " ", "world"])],
  ])("%s body, sent one byte per write, then a pipelined GET", async (_name, request) => {
    const server = await startServer(echoBody);
    const bytes = [...Buffer.from(request + get("/next"), "latin1")].map((b) => Buffer.from([b]));
    const r = await exchange(server.port, bytes, {
      until: doneAfter(2),
      timeoutMs: 5000,
    });
    const text = r.received.toString("latin1");
    expectTrue(
      text.includes("\r\n\r\nhello world"),
      `expected the body echoed; got ${JSON.stringify(text)}`,
      {
        rule: "RFC 9112 §6.3: the body ends where its framing says, however the bytes arrive",
        book: `${BOOK}#the-decoder-as-a-state-machine`,
      },
    );
    expect(statuses(r.received)).toEqual([200, 200]);
    expect(server.seen).toEqual(["/up", "/next"]);
  });
});

describe("the body limit (413 Content Too Large)", () => {
  test("Content-Length over the limit: 413 before the body is read, and close", async () => {
    const server = await startServer(echoBody, { maxBodyBytes: 100 });
    const sent = postCl("x".repeat(101)) + get("/next");
    const r = await exchange(server.port, sent, { timeoutMs: 3000 });
    expectTrue(
      statuses(r.received)[0] === 413 && r.closedByServer,
      `expected 413 and close; got ${r.received.toString("latin1").slice(0, 200)}`,
      {
        rule: "RFC 9110 §15.5.14: 413 when the content is larger than the server is willing to process",
        book: `${BOOK}#how-big-is-too-big`,
        sent: sent.slice(0, 120),
      },
    );
    expect(server.seen).toEqual([]);
  });

  test("exactly the limit is accepted", async () => {
    const server = await startServer(echoBody, { maxBodyBytes: 100 });
    const r = await exchange(server.port, postCl("x".repeat(100)), { until: doneAfter(1) });
    expect(statuses(r.received)).toEqual([200]);
  });

  test("chunked over the limit: 413 mid-stream, and close", async () => {
    const server = await startServer(echoBody, { maxBodyBytes: 100 });
    const sent = postChunked(["x".repeat(60), "y".repeat(60)]) + get("/next");
    const r = await exchange(server.port, sent, { timeoutMs: 3000 });
    expectTrue(
      statuses(r.received).at(-1) === 413 && r.closedByServer,
      `expected 413 and close; got ${r.received.toString("latin1").slice(0, 200)}`,
      {
        rule: "RFC 9110 §15.5.14: the limit applies to chunked content as it arrives",
        book: `${BOOK}#how-big-is-too-big`,
      },
    );
    expect(server.seen).toEqual(["/up"]);
  });
});

describe("the body nobody reads", () => {
  test.each([
    ["Content-Length", postCl("x".repeat(1000))],
    [
      "Content-Length, sent in pieces",
      [postCl("x".repeat(1000)).slice(0, 80), postCl("x".repeat(1000)).slice(80)],
    ],
  ])(
    "small %s body: drained, and the pipelined GET is answered in order",
    async (_name, request) => {
      const server = await startServer(ignoreBody);
      const chunks = [...(Array.isArray(request) ? request : [request]), get("/next")];
      const r = await exchange(server.port, chunks, {
        until: doneAfter(2),
        gapMs: 20,
        timeoutMs: 3000,
      });
      const text = r.received.toString("latin1");
      expectTrue(
        statuses(r.received).length === 2 && text.includes("saw /up") && text.includes("saw /next"),
        `expected both requests answered in order; got ${JSON.stringify(text)}`,
        {
          rule: "RFC 9112 §9.3.2: responses in request order; the unread body must be skipped to find the next request",
          book: `${BOOK}#the-body-nobody-reads`,
        },
      );
      expect(text).not.toContain("connection: close");
      expect(server.seen).toEqual(["/up", "/next"]);
    },
  );
});

describe("the body nobody reads, when it is too big to drain", () => {
  test("Content-Length over maxDrainBytes: Connection: close, the pipelined GET is not answered", async () => {
    const server = await startServer(ignoreBody, { maxDrainBytes: 1024 });
    const sent = [postCl("x".repeat(1025)), get("/next")];
    const r = await exchange(server.port, sent, { gapMs: 20, timeoutMs: 3000 });
    const text = r.received.toString("latin1");
    expectTrue(
      statuses(r.received).length === 1 &&
        text.includes("connection: close\r\n") &&
        r.closedByServer,
      `expected one response with connection: close, then close; got ${JSON.stringify(text)}`,
      {
        rule: "RFC 9112 §9.6: a server that will not read the rest closes, and says so",
        book: `${BOOK}#the-body-nobody-reads`,
      },
    );
    expect(server.seen).toEqual(["/up"]);
  });

  test("chunked, unread: its length is unknown, so close", async () => {
    const server = await startServer(ignoreBody);
    const r = await exchange(server.port, [postChunked(["abc"]), get("/next")], {
      gapMs: 20,
      timeoutMs: 3000,
    });
    expect(r.received.toString("latin1")).toContain("connection: close\r\n");
    expect(r.closedByServer).toBe(true);
  });
});
