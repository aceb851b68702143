/**
 * How a connection ends (RFC 9112 §9.6): in stages, our FIN then a wait
 * for the client's, unless the client asked to close and left nothing
 * unread, when there is nothing to wait for.
 */
import net from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import type { Handler } from "#ch03/message.ts";
import { http1ConnectionHandler } from "#ch03/serve-http1.ts";
import { expectTrue } from "#testing/wire.ts";
import { cleanUp, cleanup, halfOpenClient, LINGER_MS, watchedServer, within } from "./closing.ts";
import { get } from "./server.ts";

afterEach(cleanUp);

const BOOK = "chapters/03-keep-alive.md#timeouts-as-defences";
const hello: Handler = () => ({ status: 200, body: "hello world" });
describe("closing in stages (RFC 9112 §9.6)", () => {
  test("a client that said Connection: close and sent nothing more is closed without waiting for its FIN", async () => {
    const server = await watchedServer(hello);
    const client = halfOpenClient(server.port, get("/", "Connection: close\r\n"));
    await client.ended;
    expect(client.text()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(client.text()).toMatch(/\r\nconnection: close\r\n/i);
    expect(client.text().endsWith("hello world")).toBe(true);
    expectTrue(
      await within(server.serverClosed, 2_000),
      "the server still held the socket after answering a client that asked to close " +
        "and left nothing unread: there is no FIN worth waiting for",
      { rule: "RFC 9112 §9.6: the client MUST NOT send further requests after close", book: BOOK },
    );
  });

  test.each([
    ["a GET", get("/", "Connection: close\r\n")],
    [
      "a refused POST (no body decoder in chapter 03)",
      "POST / HTTP/1.1\r\nHost: test\r\nConnection: close\r\nContent-Length: 2\r\n\r\nhi",
    ],
  ])(
    "with bytes after %s left unread, the server lingers until the client's FIN",
    async (_, last) => {
      const server = await watchedServer(hello);
      const client = halfOpenClient(server.port, last + get("/ignored"));
      await client.ended;
      expect(client.text().match(/HTTP\/1\.1 /g)).toHaveLength(1);
      expectTrue(
        !(await within(server.serverClosed, 300)),
        "the server closed at once although bytes it never read were in its buffer: " +
          "the kernel answers a close like that with RST, which can destroy the response",
        { rule: "RFC 9112 §9.6: half-close, then read until the client closes", book: BOOK },
      );
      client.socket.end();
      expect(await within(server.serverClosed, 2_000)).toBe(true);
    },
  );

  test("a client that sends its FIN right after its request still gets the whole answer", async () => {
    // Large enough that most of it is still queued in the server's socket
    // when the client's FIN arrives, while the client is not reading yet.
    const size = 32 << 20;
    const server = await watchedServer(() => ({
      status: 200,
      body: new Uint8Array(size).fill(120),
    }));
    const socket = net.connect({ port: server.port, host: "127.0.0.1", allowHalfOpen: true });
    socket.on("error", () => {});
    cleanup.push(async () => void socket.destroy());
    socket.pause();
    socket.end(get("/", "Connection: close\r\n"));
    await new Promise((r) => setTimeout(r, 300));
    let received = 0;
    socket.on("data", (d: Buffer) => {
      received += d.length;
    });
    socket.resume();
    await new Promise((r) => socket.once("close", r));
    expectTrue(
      received > size,
      `the client got ${received} bytes of a ${size}-byte body: the server closed on the ` +
        "client's FIN while its answer was still being written, and threw the rest away",
      { rule: "RFC 9112 §9.6: a FIN ends the client's requests, not our answer", book: BOOK },
    );
  });

  test("a close the server decides (its request cap) still lingers", async () => {
    const serve = http1ConnectionHandler(hello, {
      lingerTimeoutMs: LINGER_MS,
      maxRequestsPerConnection: 1,
    });
    let closed = false;
    const server = net.createServer((socket) => {
      socket.on("close", () => {
        closed = true;
      });
      serve(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = (server.address() as net.AddressInfo).port;
    const client = halfOpenClient(port, get("/"));
    await client.ended;
    expect(client.text()).toMatch(/\r\nconnection: close\r\n/i);
    await new Promise((r) => setTimeout(r, 300));
    expect(closed, "the client never asked to close: it may still be sending").toBe(false);
    client.socket.end();
  });
});
