/**
 * A closed connection lets go of its socket. Node keeps a closed socket's
 * objects a while longer (until a later collection), so anything still
 * listening on it would keep the connection, its parser and its writer
 * alive with it, and the collector would copy and promote them on every
 * new connection (chapters/notes/09-tls.md, "What a closed socket keeps").
 * Here the test keeps the socket on purpose and asks whether the
 * connection can be collected all the same.
 */
import net from "node:net";
import { afterEach, describe, test } from "vitest";
import type { Handler } from "#ch03/message.ts";
import { http1ConnectionHandler } from "#ch03/serve-http1.ts";
import { collected } from "#testing/collect-garbage.ts";
import { expectTrue } from "#testing/wire.ts";
import { get } from "./server.ts";

const BOOK = "chapters/03-keep-alive.md#timeouts-as-defences";
const hello: Handler = () => ({ status: 200, body: "hello world" });

let server: net.Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/**
 * Serves one connection, has the client ask `request` and read to the
 * end, and returns the server's socket (kept) and a weak reference to
 * the connection that served it, once that socket has closed.
 */
async function oneClosedConnection(request: string) {
  const serve = http1ConnectionHandler(hello, {});
  let connection: WeakRef<object> | undefined;
  let socket: net.Socket | undefined;
  const closed = new Promise<void>((resolve) => {
    server = net.createServer((s) => {
      socket = s;
      connection = new WeakRef(serve(s));
      s.on("close", () => resolve());
    });
  });
  const listening = server as net.Server;
  await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
  const { port } = listening.address() as net.AddressInfo;
  const client = net.connect({ port, host: "127.0.0.1" });
  let answer = "";
  client.on("data", (d: Buffer) => {
    answer += d.toString("latin1");
    // Answered: hang up, as a keep-alive client does when it is done.
    if (answer.endsWith("hello world")) client.end();
  });
  client.on("error", () => {});
  const clientClosed = new Promise((resolve) => client.on("close", resolve));
  client.write(request);
  await Promise.all([closed, clientClosed]);
  return { socket, connection, answer: () => answer };
}

describe("a closed connection lets go of its socket", () => {
  test.each([
    ["a request that asked to close", get("/", "Connection: close\r\n")],
    ["a client that hung up after its answer", get("/")],
  ])("%s: the connection can be collected while its socket is still held", async (_, request) => {
    const one = await oneClosedConnection(request);
    expectTrue(one.answer().startsWith("HTTP/1.1 200 OK"), `no answer: ${one.answer()}`);
    const ref = one.connection;
    expectTrue(
      ref !== undefined && one.socket !== undefined,
      "the server never served the connection",
    );
    expectTrue(
      await collected(ref),
      "the connection is still reachable from its closed socket: a listener it added " +
        "(or the read callback of own-buffer reads) is still on the socket. On 'close', " +
        "take them off (#detach) and hand own-buffer reads back (returnToStream), so " +
        "what node keeps of the socket does not keep the connection too.",
      { book: BOOK },
    );
    // Held on purpose until here: node would keep it, so the test does.
    expectTrue(one.socket.destroyed, "the socket should have closed");
  });
});
