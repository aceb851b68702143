/**
 * What the connection hands a handler besides the head: the target parsed
 * once (scheme, authority, path, query) and a signal that fires when the
 * client goes away (issue 9 §1).
 */
import net from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { ClientGone } from "#ch03/incoming-request.ts";
import type { HttpRequest } from "#ch03/message.ts";
import { exchange } from "#testing/raw-client.ts";
import { orStub } from "#testing/stub-tripwire.ts";
import { expectTrue } from "#testing/wire.ts";
import { splitResponses } from "./responses.ts";
import { closeAll, startServer } from "./server.ts";

afterEach(closeAll);

const fields = (r: HttpRequest): string => JSON.stringify([r.scheme, r.authority, r.path, r.query]);

describe("the target, parsed once by the connection", () => {
  test.each([
    [
      "GET /%61pi/x?q=%61 HTTP/1.1\r\nHost: a.example\r\n\r\n",
      ["http", "a.example", "/api/x", "q=%61"],
    ],
    [
      "GET http://b.example:8080?x=1 HTTP/1.1\r\nHost: a.example\r\n\r\n",
      ["http", "b.example:8080", "/", "x=1"],
    ],
    ["OPTIONS * HTTP/1.1\r\nHost: a.example\r\n\r\n", ["http", "a.example", "*", ""]],
    ["GET /x HTTP/1.0\r\n\r\n", ["http", "", "/x", ""]],
  ])("%j", async (sent, want) => {
    const server = await startServer((r) => ({ status: 200, body: fields(r) }));
    const r = await exchange(server.port, sent, { until: (b) => b.includes('"]') });
    const body = splitResponses(r.received)[0]?.body;
    expectTrue(body === JSON.stringify(want), `got ${body}`, {
      rule: "RFC 9112 §3.2.2: an absolute-form authority replaces Host; RFC 3986 §6.2.2 normalisation",
      book: "chapters/03-keep-alive.md#serializing-a-response",
      sent,
    });
  });
});

describe("request.signal", () => {
  test("fires with ClientGone when the client resets mid-request", async () => {
    let reason: unknown;
    let aborted: () => void = () => {};
    const fired = new Promise<void>((resolve) => (aborted = resolve));
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => (started = resolve));
    const server = await startServer(
      (request) =>
        new Promise((resolve) => {
          started();
          request.signal.addEventListener("abort", () => {
            reason = request.signal.reason;
            aborted();
            resolve({ status: 200, body: "too late" });
          });
        }),
    );
    const socket = net.connect(server.port, "127.0.0.1");
    socket.on("error", () => {});
    socket.write("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
    await orStub(running); // the handler has the request and is waiting
    socket.resetAndDestroy();
    await orStub(fired);
    expect(reason).toBeInstanceOf(ClientGone);
    expect(server.logged).toEqual([]);
  });

  test("does not fire for a request already answered when the connection closes", async () => {
    let seen: HttpRequest | undefined;
    const server = await startServer((request) => {
      seen = request;
      void request.signal; // made, then answered at once
      return { status: 200, body: "ok" };
    });
    const r = await exchange(
      server.port,
      "GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
      {
        timeoutMs: 2000,
      },
    );
    expect(r.closedByServer).toBe(true);
    expect(seen?.signal.aborted).toBe(false);
  });
});
