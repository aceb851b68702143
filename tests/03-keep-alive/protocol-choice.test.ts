/**
 * Protocol choice, the one place that decides what runs on a socket: a
 * preface on plain sockets (with the bytes it read put back), the ALPN id
 * on TLS sockets, and the default otherwise.
 */
import type net from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { type Connection, connectionInfo, type Protocol, socketClosed } from "#ch01/connection.ts";
import { listenTcp, type TcpServerHandle } from "#ch01/tcp-server.ts";
import { chooseProtocol, matchPreface } from "#ch03/protocol-choice.ts";
import { exchange } from "#testing/raw-client.ts";

/** A protocol that answers every socket with its name and the bytes it read. */
function tagging(id: string, preface?: string): Protocol {
  return {
    id,
    ...(preface === undefined ? {} : { preface: Buffer.from(preface) }),
    serve: (socket): Connection => {
      socket.once("data", (first: Buffer) => socket.end(`${id}:${first.toString("latin1")}`));
      return { busy: false, shutdown: () => socket.end(), closed: socketClosed(socket) };
    },
  };
}

const PRI = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
const open: TcpServerHandle[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close({ graceMs: 100 })));
});

async function serve(protocols: Protocol[], prefaceTimeoutMs?: number): Promise<number> {
  const choose = chooseProtocol(
    protocols,
    prefaceTimeoutMs === undefined ? {} : { prefaceTimeoutMs },
  );
  const handle = await listenTcp({ host: "127.0.0.1", port: 0 }, (socket) =>
    choose(socket, connectionInfo(socket)),
  );
  open.push(handle);
  return handle.address.port;
}

describe("matchPreface", () => {
  const protocols = [tagging("http/1.1"), tagging("h2c", PRI)];

  test("incomplete while the bytes are the start of a preface, a match once it is whole", () => {
    expect(matchPreface(Buffer.from("PRI * HT"), protocols)).toEqual({ kind: "incomplete" });
    const match = matchPreface(Buffer.from(`${PRI}rest`), protocols);
    expect(match.kind === "match" && match.protocol.id).toBe("h2c");
  });

  test("none as soon as the first byte differs", () => {
    expect(matchPreface(Buffer.from("G"), protocols)).toEqual({ kind: "none" });
    expect(matchPreface(Buffer.from("PRX"), protocols)).toEqual({ kind: "none" });
  });
});

describe("chooseProtocol", () => {
  test("with no preface registered, the default gets the socket untouched", async () => {
    const port = await serve([tagging("http/1.1")]);
    const { received } = await exchange(port, "GET / HTTP/1.1\r\n\r\n");
    expect(received.toString()).toBe("http/1.1:GET / HTTP/1.1\r\n\r\n");
  });

  test("a preface picks its protocol, which still reads it from the first byte", async () => {
    const port = await serve([tagging("http/1.1"), tagging("h2c", PRI)]);
    // Sent a byte at a time: the choice waits for the whole preface.
    const { received } = await exchange(port, [...PRI].concat("x"), { gapMs: 1 });
    expect(received.toString()).toMatch(/^h2c:PRI \* HTTP\/2\.0/);
  });

  test("a preface and more in one read: the protocol reads them all from its stream", async () => {
    const port = await serve([tagging("http/1.1"), tagging("h2c", PRI)]);
    const { received } = await exchange(port, `${PRI}after`);
    expect(received.toString()).toBe(`h2c:${PRI}after`);
  });

  test("a request that is no preface, in one read, reaches the default whole", async () => {
    const port = await serve([tagging("http/1.1"), tagging("h2c", PRI)]);
    const { received } = await exchange(port, "GET / HTTP/1.1\r\n\r\n");
    expect(received.toString()).toBe("http/1.1:GET / HTTP/1.1\r\n\r\n");
  });

  test("a preface begun, then silence: the default gets the socket and those bytes", async () => {
    const port = await serve([tagging("http/1.1"), tagging("h2c", PRI)], 50);
    const { received } = await exchange(port, "PRI", { until: (b) => b.length > 0 });
    expect(received.toString()).toBe("http/1.1:PRI");
  });

  test("bytes that are no preface go to the default, none lost", async () => {
    const port = await serve([tagging("http/1.1"), tagging("h2c", PRI)]);
    const { received } = await exchange(port, ["P", "OST / HTTP/1.1\r\n\r\n"], { gapMs: 5 });
    expect(received.toString()).toMatch(/^http\/1\.1:P/);
  });

  test("on a TLS socket, the ALPN id chooses; none or an unknown id gets the default", () => {
    const chosen: string[] = [];
    const mark = (id: string): Protocol => ({
      id,
      serve: () => {
        chosen.push(id);
        return { busy: false, shutdown: () => {}, closed: Promise.resolve() };
      },
    });
    const choose = chooseProtocol([mark("http/1.1"), mark("h2")]);
    const info = { remoteAddress: "", remotePort: 0, secure: true };
    const tls = (alpnProtocol: string | false) => ({ alpnProtocol }) as unknown as net.Socket;
    choose(tls("h2"), info);
    choose(tls(false), info);
    choose(tls("spdy/3"), info);
    expect(chosen).toEqual(["h2", "http/1.1", "http/1.1"]);
  });

  test("a server with only prefaced protocols has no default and says so", () => {
    expect(() => chooseProtocol([tagging("h2c", PRI)])).toThrow(/no protocol without a preface/);
  });
});
