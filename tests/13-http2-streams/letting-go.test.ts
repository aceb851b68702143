/**
 * A closed HTTP/2 connection lets go of its socket, as chapter 03's
 * does (tests/03-keep-alive/letting-go.test.ts): node keeps a closed
 * socket's objects until a later collection, and a listener or timer
 * left on it would keep the connection, its streams and its HPACK
 * tables alive with them. The test keeps the socket on purpose and asks
 * whether the connection can be collected all the same. node:http2 is
 * the client.
 */
import http2 from "node:http2";
import net from "node:net";
import { afterEach, describe, test } from "vitest";
import { connectionInfo } from "#ch01/connection.ts";
import type { Handler } from "#ch03/message.ts";
import { h2Protocol } from "#ch13/serve-h2.ts";
import { collected } from "#testing/collect-garbage.ts";
import { expectTrue } from "#testing/wire.ts";
import { memoryLogger } from "./server.ts";

const BOOK = "chapters/13-http2-streams.md#graceful-shutdown";
const hello: Handler = () => ({ status: 200, body: "hello world" });

let server: net.Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe("a closed HTTP/2 connection lets go of its socket", () => {
  test.each([
    ["the client closed its session", false],
    ["the server sent GOAWAY first (shutdown)", true],
  ])(
    "%s: the connection can be collected while its socket is still held",
    async (_, serverFirst) => {
      const protocol = h2Protocol(hello, { logger: memoryLogger([]) });
      let connection: WeakRef<object> | undefined;
      // Held strongly only until the test lets go: no closure on the socket
      // may capture it, or the test itself would keep it.
      let live: { shutdown(): void } | undefined;
      let socket: net.Socket | undefined;
      const closed = new Promise<void>((resolve) => {
        server = net.createServer((s) => {
          socket = s;
          live = protocol.serve(s, connectionInfo(s));
          connection = new WeakRef(live as object);
          s.on("close", () => resolve());
        });
      });
      const listening = server as net.Server;
      await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
      const { port } = listening.address() as net.AddressInfo;
      const session = http2.connect(`http://127.0.0.1:${port}`);
      session.on("error", () => {});
      const answer = await new Promise<string>((resolve, reject) => {
        const request = session.request({ ":path": "/" });
        let text = "";
        request.setEncoding("utf8");
        request.on("data", (d: string) => {
          text += d;
        });
        request.on("end", () => resolve(text));
        request.on("error", reject);
      });
      expectTrue(answer === "hello world", `the answer was ${JSON.stringify(answer)}`);
      if (serverFirst) live?.shutdown();
      else session.close();
      await closed;
      session.destroy();
      live = undefined;
      const ref = connection;
      expectTrue(
        ref !== undefined && socket !== undefined,
        "the server never served the connection",
      );
      expectTrue(
        await collected(ref),
        "the HTTP/2 connection is still reachable from its closed socket: a listener it " +
          "added (data, end, close, or the outbound queue's drain) or its linger timer is " +
          "still there. On 'close', take them off and clear the timer.",
        { book: BOOK },
      );
      expectTrue(socket.destroyed, "the socket should have closed");
    },
  );
});
