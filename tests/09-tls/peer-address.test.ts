/**
 * A TLS connection asks the kernel for its peer's address once: the
 * admit hook (chapter 10's gate) asks the TCP socket at accept, and the
 * TLS socket over it reuses that answer instead of a second
 * `getpeername` (carryPeerAddress). The address the connection reports
 * is still the client's own.
 */
import type net from "node:net";
import tls from "node:tls";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Handler } from "#ch03/message.ts";
import { makePki } from "./pki.ts";
import { startTlsServer, type TestTlsServer } from "./tls-server.ts";

interface PeerHandle {
  getpeername(out: object): number;
}

const asked: number[] = [];
let server: TestTlsServer;

/** Answers with the address and port the connection reports. */
const whereFrom: Handler = (request) => ({
  status: 200,
  headers: [["content-type", "text/plain"]],
  body: `${request.connection.remoteAddress} ${request.connection.remotePort}\n`,
});

beforeAll(async () => {
  const pki = await makePki();
  const pair = await pki.leaf("local", ["localhost", "127.0.0.1"]);
  server = await startTlsServer([pair], {
    handler: whereFrom,
    // As the gate does: the accepted TCP socket's address, before the peek.
    admit: (socket: net.Socket, proceed) => {
      const handle = (socket as unknown as { _handle: PeerHandle })._handle;
      const ask = handle.getpeername.bind(handle);
      const at = asked.push(0) - 1;
      handle.getpeername = (out) => {
        asked[at] = (asked[at] ?? 0) + 1;
        return ask(out);
      };
      expect(socket.remoteAddress).toBe("127.0.0.1");
      proceed();
    },
  });
});
afterAll(() => server?.close());

/** One request on a new TLS connection: the body and the client's port. */
function askOnce(port: number): Promise<{ body: string; localPort: number }> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ port, host: "127.0.0.1", rejectUnauthorized: false });
    let raw = "";
    socket.on("secureConnect", () =>
      socket.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
    );
    socket.on("data", (d: Buffer) => {
      raw += d.toString("latin1");
    });
    socket.on("error", reject);
    const localPort = new Promise<number>((ok) =>
      socket.once("secureConnect", () => ok(socket.localPort ?? 0)),
    );
    socket.on("close", async () =>
      resolve({ body: raw.slice(raw.indexOf("\r\n\r\n") + 4), localPort: await localPort }),
    );
  });
}

test("a TLS connection reports the client's address, asking the kernel once", async () => {
  for (let i = 0; i < 3; i++) {
    const { body, localPort } = await askOnce(server.port);
    expect(body, "the address and port the connection reports").toBe(`127.0.0.1 ${localPort}\n`);
  }
  expect(asked, "getpeername calls per connection: the admit hook's only").toEqual([1, 1, 1]);
});
