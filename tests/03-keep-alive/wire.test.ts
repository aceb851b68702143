/**
 * Wire-level (the open track runs it against any server): persistence and
 * pipelining as a client sees them. Several requests on one connection,
 * answered in order (RFC 9112 §9.3.2); HTTP/1.0 and `Connection: close`
 * end it (RFC 9112 §9.3, §9.6); HEAD gets the head alone. The routes are
 * chapter 03's demo routes: GET /hello answers "hello world", an unknown
 * path 404.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { field, holdsResponses, readResponses } from "#testing/http-responses.ts";
import { type WireTarget, wireTarget } from "#testing/open-target.ts";
import { exchange } from "#testing/raw-client.ts";
import { startReference } from "#testing/reference-server.ts";
import { escapeBytes, expectTrue } from "#testing/wire.ts";

const BOOK = "chapters/03-keep-alive.md";
let server: WireTarget;
beforeAll(async () => {
  server = await wireTarget(() => startReference(3));
});
afterAll(() => server.close());

const req = (method: string, target: string, extra = ""): string =>
  `${method} ${target} HTTP/1.1\r\nHost: localhost\r\n${extra}\r\n`;

describe(`keep-alive (${BOOK}#keeping-the-connection-open)`, () => {
  test("two requests written one after the other on one connection both get answers, and it stays open", async () => {
    const sent = [req("GET", "/hello"), req("GET", "/hello")];
    const { received, closedByServer } = await exchange(
      server.port,
      sent,
      {
        gapMs: 50,
        until: holdsResponses(2),
      },
      server.host,
    );
    const lesson = {
      rule: "RFC 9112 §9.3: HTTP/1.1 connections persist by default",
      book: `${BOOK}#persistent-connections`,
      sent: sent.join(""),
    };
    const rs = readResponses(received, undefined, false);
    expectTrue(
      rs.length === 2,
      `expected 2 responses, got ${escapeBytes(received.subarray(0, 200))}`,
      lesson,
    );
    expect(rs.map((r) => r.body.toString())).toEqual(["hello world", "hello world"]);
    expectTrue(!closedByServer, "the server closed a persistent connection", lesson);
  });

  test("Connection: close gets connection: close, then the server closes", async () => {
    const sent = req("GET", "/hello", "Connection: close\r\n");
    const { received, closedByServer } = await exchange(server.port, sent, {}, server.host);
    const [r] = readResponses(received);
    const lesson = {
      rule: "RFC 9112 §9.6: a server that receives close MUST close after the response",
      sent,
    };
    expectTrue(
      r?.status === 200 && /close/i.test(field(r, "connection") ?? ""),
      `got ${escapeBytes(received.subarray(0, 200))}`,
      lesson,
    );
    expectTrue(closedByServer, "the connection should be closed", lesson);
  });

  test("HTTP/1.0 without keep-alive is closed after its answer", async () => {
    const sent = "GET /hello HTTP/1.0\r\n\r\n";
    const { received, closedByServer } = await exchange(server.port, sent, {}, server.host);
    const [r] = readResponses(received);
    const lesson = {
      rule: "RFC 9112 §9.3: an HTTP/1.0 connection persists only with keep-alive",
      book: `${BOOK}#what-http10-changes`,
      sent,
    };
    expectTrue(r?.status === 200, `got ${escapeBytes(received.subarray(0, 200))}`, lesson);
    expectTrue(closedByServer, "the connection should be closed", lesson);
  });

  test("HTTP/1.0 with Connection: keep-alive is kept, and told so", async () => {
    const one = "GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
    const { received, closedByServer } = await exchange(
      server.port,
      [one, one],
      {
        gapMs: 50,
        until: holdsResponses(2),
      },
      server.host,
    );
    const rs = readResponses(received, undefined, false);
    const lesson = {
      rule: "RFC 9112 §9.3: a 1.0 client that asked for keep-alive must hear connection: keep-alive",
      book: `${BOOK}#what-http10-changes`,
      sent: one,
    };
    expectTrue(
      rs.length === 2 && !closedByServer,
      `got ${escapeBytes(received.subarray(0, 300))}`,
      lesson,
    );
    expect(field(rs[0]!, "connection")).toMatch(/keep-alive/i);
  });

  test("HEAD gets the GET's head, with its content-length, and no body", async () => {
    const sent = [req("HEAD", "/hello"), req("GET", "/hello")];
    const { received } = await exchange(
      server.port,
      sent.join(""),
      { until: holdsResponses(2, (i) => i === 0) },
      server.host,
    );
    const rs = readResponses(received, (i) => i === 0, false);
    const lesson = {
      rule: "RFC 9110 §9.3.2: HEAD is GET without content; a body here would be read as the next response",
      sent: sent.join(""),
    };
    expectTrue(
      rs.length === 2 && rs[1]?.body.toString() === "hello world",
      `got ${escapeBytes(received)}`,
      lesson,
    );
    expect(field(rs[0]!, "content-length")).toBe("11");
  });
});

describe(`pipelining (${BOOK}#pipelining)`, () => {
  test("three requests in one write are answered in the order they came", async () => {
    const sent = req("GET", "/hello") + req("GET", "/nowhere") + req("HEAD", "/hello");
    const { received } = await exchange(
      server.port,
      sent,
      { until: holdsResponses(3, (i) => i === 2) },
      server.host,
    );
    const lesson = {
      rule: "RFC 9112 §9.3.2: a server MUST send responses in the order the requests were received",
      book: `${BOOK}#pipelining`,
      sent,
    };
    const rs = readResponses(received, (i) => i === 2, false);
    expectTrue(
      rs.map((r) => r.status).join(",") === "200,404,200",
      `got ${escapeBytes(received)}`,
      lesson,
    );
    expect(rs[0]?.body.toString()).toBe("hello world");
  });

  test("twenty pipelined requests, the last asking to close: twenty answers, then the close", async () => {
    const sent = req("GET", "/hello").repeat(19) + req("GET", "/hello", "Connection: close\r\n");
    const { received, closedByServer } = await exchange(
      server.port,
      sent,
      { timeoutMs: 5000 },
      server.host,
    );
    const rs = readResponses(received);
    const lesson = {
      rule: "RFC 9112 §9.3.2 and §9.6: every pipelined request is answered, in order, before the close",
      sent: sent.slice(0, 120),
    };
    expectTrue(
      rs.length === 20 && rs.every((r) => r.status === 200),
      `got ${rs.length} responses`,
      lesson,
    );
    expectTrue(closedByServer, "the server should close after the last answer", lesson);
  });
});
