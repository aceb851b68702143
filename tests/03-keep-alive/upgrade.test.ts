/**
 * Upgrades are a handler's answer (RFC 9110 §7.8): status 101 with an
 * upgrade callback, carried out by the connection after the head. So
 * middleware sees them, the bytes after the request reach the new
 * protocol, and HTTP/1.0's Upgrade is ignored.
 */
import type { Duplex } from "node:stream";
import { afterEach, describe, expect, test } from "vitest";
import type { Handler, HttpResponse } from "#ch03/message.ts";
import { exchange } from "#testing/raw-client.ts";
import { expectTrue } from "#testing/wire.ts";
import { splitResponses } from "./responses.ts";
import { closeAll, startServer } from "./server.ts";

afterEach(closeAll);

const BOOK = "chapters/03-keep-alive.md#the-seams";
const ASK = "Connection: Upgrade\r\nUpgrade: toy\r\n";

/** A toy protocol: answers every chunk with "echo:" and the chunk. */
function toy(stream: Duplex): void {
  stream.on("data", (chunk: Buffer) => stream.write(`echo:${chunk.toString("latin1")}`));
  stream.on("end", () => stream.end());
  stream.resume();
}

const switching: HttpResponse = { status: 101, headers: [["upgrade", "toy"]], upgrade: toy };

/** Switches when asked, answers plain HTTP otherwise. */
const toyServer: Handler = (request) =>
  request.headers.some(([n]) => n === "upgrade") ? switching : { status: 200, body: "plain" };

const HEAD_101 =
  /^HTTP\/1\.1 101 Switching Protocols\r\nupgrade: toy\r\ndate: [^\r]+\r\nconnection: upgrade\r\n\r\n/;

describe("an upgrade is a response: 101 and a callback", () => {
  test("the 101 head goes first, then the early bytes and later ones reach the new protocol", async () => {
    const server = await startServer(toyServer);
    const sent = `GET /chat HTTP/1.1\r\nHost: t\r\n${ASK}\r\nEARLY`;
    const r = await exchange(server.port, sent, {
      until: (b) => b.includes("echo:EARLY"),
      timeoutMs: 3000,
    });
    const text = r.received.toString("latin1");
    expectTrue(HEAD_101.test(text) && text.endsWith("echo:EARLY"), `got ${JSON.stringify(text)}`, {
      rule: "RFC 9110 §7.8: the server switches right after the 101's empty line",
      book: BOOK,
      sent,
    });
  });

  test("middleware sees the 101 like any response (authentication, logs, rate limits)", async () => {
    const seen: number[] = [];
    const logging =
      (next: Handler): Handler =>
      async (request) => {
        const response = await next(request);
        seen.push(response.status);
        return response;
      };
    const server = await startServer(logging(toyServer));
    const sent = `GET /chat HTTP/1.1\r\nHost: t\r\n${ASK}\r\nhi`;
    await exchange(server.port, sent, { until: (b) => b.includes("echo:hi") });
    expect(seen).toEqual([101]);
  });

  test("a middleware can refuse the upgrade: a 401 is sent and the connection stays HTTP", async () => {
    const auth =
      (next: Handler): Handler =>
      (request) =>
        request.headers.some(([n]) => n === "authorization")
          ? next(request)
          : { status: 401, body: "who are you?" };
    const server = await startServer(auth(toyServer));
    const sent = `GET /chat HTTP/1.1\r\nHost: t\r\n${ASK}\r\nGET /next HTTP/1.1\r\nHost: t\r\nAuthorization: x\r\n\r\n`;
    const r = await exchange(server.port, sent, { until: (b) => b.includes("plain") });
    const statuses = splitResponses(r.received).map((x) => x.status);
    expect(statuses).toEqual([401, 200]);
  });

  test("an upgrade waits for earlier pipelined answers, which go first", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const handler: Handler = async (request) => {
      if (request.path === "/slow") {
        await gate;
        return { status: 200, body: "slow" };
      }
      return toyServer(request);
    };
    const server = await startServer(handler);
    const sent = `GET /slow HTTP/1.1\r\nHost: t\r\n\r\nGET /chat HTTP/1.1\r\nHost: t\r\n${ASK}\r\nX`;
    const pending = exchange(server.port, sent, {
      until: (b) => b.includes("echo:X"),
      timeoutMs: 3000,
    });
    setImmediate(release);
    const text = (await pending).received.toString("latin1");
    const at200 = text.indexOf("HTTP/1.1 200");
    const at101 = text.indexOf("HTTP/1.1 101");
    expect([at200 === 0, at101 > at200, text.endsWith("echo:X")]).toEqual([true, true, true]);
  });

  test("a handler that does not switch: Upgrade is ignored and answered as HTTP (RFC 9110 §7.8)", async () => {
    const server = await startServer(() => ({ status: 200, body: "plain" }));
    const sent = `GET / HTTP/1.1\r\nHost: t\r\n${ASK}\r\nGET /again HTTP/1.1\r\nHost: t\r\n\r\n`;
    const r = await exchange(server.port, sent, {
      until: (b) => splitResponses(b).length === 2,
      timeoutMs: 2000,
    });
    expect(splitResponses(r.received).map((x) => x.status)).toEqual([200, 200]);
  });
});

describe("a 101 that cannot be sent becomes a 500, logged", () => {
  test.each([
    [
      "an HTTP/1.0 request (its Upgrade MUST be ignored)",
      `GET / HTTP/1.0\r\n${ASK}\r\n`,
      switching,
    ],
    ["a request that did not ask", "GET / HTTP/1.1\r\nHost: t\r\n\r\n", switching],
    ["a 101 without upgrade()", `GET / HTTP/1.1\r\nHost: t\r\n${ASK}\r\n`, { status: 101 }],
    [
      "an upgrade() with status 200",
      `GET / HTTP/1.1\r\nHost: t\r\n${ASK}\r\n`,
      { status: 200, upgrade: toy },
    ],
    [
      "a 101 without an Upgrade field",
      `GET / HTTP/1.1\r\nHost: t\r\n${ASK}\r\n`,
      { status: 101, upgrade: toy },
    ],
  ])("%s", async (_name, sent, response) => {
    const server = await startServer(() => response as HttpResponse);
    const r = await exchange(server.port, sent, {
      until: (b) => b.includes("internal server error"),
      timeoutMs: 2000,
    });
    expect(splitResponses(r.received)[0]?.status).toBe(500);
    expect(server.logged.length).toBe(1);
  });
});
