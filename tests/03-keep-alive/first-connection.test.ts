/**
 * Step 1 of chapter 03: the first connection answers one request, then
 * closes (solutions/03-keep-alive/first-connection.ts).
 */
import net from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { answerOnce } from "#ch03/first-connection.ts";
import type { Handler } from "#ch03/message.ts";
import { exchange } from "#testing/raw-client.ts";
import { header, splitResponses } from "./responses.ts";

const servers: net.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

async function start(handler: Handler): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    answerOnce(socket, handler);
  });
  const close = server.close.bind(server);
  server.close = (cb) => {
    for (const s of sockets) s.destroy();
    return close(cb);
  };
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as net.AddressInfo).port;
}

const GET = "GET /hi HTTP/1.1\r\nHost: t\r\n\r\n";
const hello: Handler = (req) => ({ status: 200, body: `hello ${req.path}` });

describe("first connection: one request, one answer, then close", () => {
  test("a GET gets its answer with content-length and connection: close, then FIN", async () => {
    const port = await start(hello);
    const { received, closedByServer } = await exchange(port, GET);
    const [r, ...rest] = splitResponses(received);
    expect(rest).toEqual([]);
    expect(r?.statusLine).toBe("HTTP/1.1 200 OK");
    expect(r?.body).toBe("hello /hi");
    expect(header(r!, "content-length")).toBe("9");
    expect(header(r!, "connection")).toBe("close");
    expect(header(r!, "date")).toMatch(
      /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/,
    );
    expect(closedByServer).toBe(true);
  });

  test("a large held body arrives whole after its head, then FIN", async () => {
    const big = Buffer.alloc(64 * 1024, "z");
    const port = await start(() => ({ status: 200, body: big }));
    const { received, closedByServer } = await exchange(port, GET);
    const [r] = splitResponses(received);
    expect([r?.body.length, r?.body === big.toString("latin1"), closedByServer]).toEqual([
      big.length,
      true,
      true,
    ]);
  });

  test("a head in one-byte pieces is still one request", async () => {
    const port = await start(hello);
    const { received } = await exchange(port, [...GET], { gapMs: 1 });
    expect(splitResponses(received).map((r) => r.status)).toEqual([200]);
  });

  test("a second request on the same connection is not read", async () => {
    const port = await start(hello);
    const { received, closedByServer } = await exchange(port, GET + GET);
    expect(splitResponses(received)).toHaveLength(1);
    expect(closedByServer).toBe(true);
  });

  test("a malformed head gets its 400 and reason (RFC 9112 §3.2: Host)", async () => {
    const port = await start(hello);
    const { received } = await exchange(port, "GET / HTTP/1.1\r\n\r\n");
    const [r] = splitResponses(received);
    expect(r?.status).toBe(400);
    expect(r?.body).toMatch(/Host/);
    expect(header(r!, "connection")).toBe("close");
  });

  test("a handler that throws or rejects becomes a 500", async () => {
    for (const handler of [
      () => {
        throw new Error("boom");
      },
      async () => Promise.reject(new Error("boom")),
    ] as Handler[]) {
      const port = await start(handler);
      const [r] = splitResponses((await exchange(port, GET)).received);
      expect(r?.status).toBe(500);
      expect(r?.body).not.toMatch(/boom/);
    }
  });

  test("HEAD gets the GET's head and no body (RFC 9110 §9.3.2)", async () => {
    const port = await start(hello);
    const { received } = await exchange(port, "HEAD /hi HTTP/1.1\r\nHost: t\r\n\r\n");
    const [r, ...rest] = splitResponses(received, () => true);
    expect(rest).toEqual([]);
    expect(header(r!, "content-length")).toBe("9");
  });
});
