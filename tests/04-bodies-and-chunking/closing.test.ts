/**
 * Chapter 03's close without lingering, once a body has been read: a
 * client that said Connection: close is let go when its body was read
 * whole and nothing came after it (RFC 9112 §9.6).
 */
import { afterEach, expect, test } from "vitest";
import { bodyOptions } from "#ch04/body-options.ts";
import { expectTrue } from "#testing/wire.ts";
import { cleanUp, halfOpenClient, watchedServer, within } from "../03-keep-alive/closing.ts";
import { readBody } from "./server.ts";

afterEach(cleanUp);

const BOOK = "chapters/03-keep-alive.md#timeouts-as-defences";
const POST =
  "POST /up HTTP/1.1\r\nHost: test\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello";

const echo = async (request: Parameters<typeof readBody>[0]) => ({
  status: 200,
  body: await readBody(request),
});

test("a body read whole, nothing after it: closed without waiting for the client's FIN", async () => {
  const server = await watchedServer(echo, bodyOptions());
  const client = halfOpenClient(server.port, POST);
  await client.ended;
  expect(client.text().endsWith("\r\n\r\nhello")).toBe(true);
  expectTrue(await within(server.serverClosed, 2_000), "the server waited for a FIN", {
    rule: "RFC 9112 §9.6: a client that sent close sends no further requests",
    book: BOOK,
  });
});

test("bytes after the body left unread: the server lingers until the client's FIN", async () => {
  const server = await watchedServer(echo, bodyOptions());
  const client = halfOpenClient(server.port, `${POST}GET / HTTP/1.1\r\nHost: test\r\n\r\n`);
  await client.ended;
  expect(client.text().match(/HTTP\/1\.1 /g)).toHaveLength(1);
  expectTrue(!(await within(server.serverClosed, 300)), "closed over unread bytes: RST risk", {
    rule: "RFC 9112 §9.6: half-close, then read until the client closes",
    book: BOOK,
  });
  client.socket.end();
  expect(await within(server.serverClosed, 2_000)).toBe(true);
});
