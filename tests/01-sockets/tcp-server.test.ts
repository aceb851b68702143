/**
 * The listener every chapter runs on: binding, clear start-up errors,
 * connection tracking and a graceful close with a deadline.
 */
import net from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { serveLineEcho } from "#ch01/line-echo.ts";
import { ListenError, listenTcp, type TcpServerHandle } from "#ch01/tcp-server.ts";
import { exchange } from "#testing/raw-client.ts";
import { expectBytes, expectTrue } from "#testing/wire.ts";
import { stage } from "../../src/stages/01-sockets.ts";
import { connectionInfo } from "#ch01/connection.ts";
import { fold } from "../../src/stages/stage.ts";
import { eventually, LESSONS } from "./echo-server.ts";

const open: TcpServerHandle[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close({ graceMs: 100 })));
});

async function echoServer(host = "127.0.0.1"): Promise<TcpServerHandle> {
  const handle = await listenTcp({ host, port: 0 }, (socket) => serveLineEcho(socket));
  open.push(handle);
  return handle;
}

/** Bytes the server has read on its only connection. */
const bytesRead = (handle: TcpServerHandle): number | undefined =>
  [...handle.connections][0]?.bytesRead;

/** Connect and resolve once connected; records what arrives and the FIN. */
async function connect(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  const state = { received: "", ended: false };
  socket.on("data", (d: Buffer) => {
    state.received += d.toString("latin1");
  });
  socket.on("end", () => {
    state.ended = true;
  });
  socket.on("error", () => undefined);
  await new Promise((r) => socket.once("connect", r));
  return { socket, state };
}

describe("listenTcp", () => {
  test("port 0 binds a free port and reports it", async () => {
    const handle = await echoServer();
    expect(handle.address.port).toBeGreaterThan(0);
    expect(handle.address.address).toBe("127.0.0.1");
    const { received } = await exchange(handle.address.port, "hi\n", {
      until: (b) => b.includes(0x0a),
    });
    expectBytes(received, "hi\n", LESSONS.echo);
  });

  test("listens on IPv6 loopback too", async (context) => {
    const handle = await echoServer("::1").catch(() => undefined);
    if (!handle) return context.skip("SKIPPED LOUDLY: this machine has no IPv6 loopback (::1)");
    const { received } = await exchange(
      handle.address.port,
      "six\n",
      {
        until: (b) => b.includes(0x0a),
      },
      "::1",
    );
    expectBytes(received, "six\n", LESSONS.echo);
  });

  test("a port in use rejects with ListenError EADDRINUSE and a clear message", async () => {
    const first = await echoServer();
    const second = listenTcp({ host: "127.0.0.1", port: first.address.port }, () => undefined);
    await expect(second).rejects.toBeInstanceOf(ListenError);
    await expect(second).rejects.toMatchObject({
      code: "EADDRINUSE",
      message: `cannot listen on 127.0.0.1:${first.address.port}: the address is already in use (EADDRINUSE)`,
    });
  });

  test.each([
    ["EACCES", "permission denied (ports below 1024 need privileges)"],
    ["EADDRNOTAVAIL", "no such local address"],
    ["EMFILE", "too many open files"],
  ])("a failed bind with %s says why in words: %s", (code, reason) => {
    const cause = Object.assign(new Error("too many open files"), { code });
    const error = new ListenError({ host: "192.0.2.1", port: 80 }, cause);
    expect(
      error.message,
      "reasonFor names the three common codes and keeps the system's message " +
        "for the rest (chapters/01-sockets.md)",
    ).toBe(`cannot listen on 192.0.2.1:80: ${reason} (${code})`);
    expect(error.code).toBe(code);
  });

  test("an impossible port rejects instead of throwing", async () => {
    const bad = listenTcp({ host: "127.0.0.1", port: 70_000 }, () => undefined);
    await expect(bad).rejects.toMatchObject({ name: "ListenError", code: "ERR_SOCKET_BAD_PORT" });
  });

  test("tracks open connections and forgets closed ones", async () => {
    const handle = await echoServer();
    const a = await connect(handle.address.port);
    const b = await connect(handle.address.port);
    expect(await eventually(() => handle.connections.size === 2)).toBe(true);
    a.socket.destroy();
    b.socket.destroy();
    expect(await eventually(() => handle.connections.size === 0)).toBe(true);
  });
});

describe("closing well", () => {
  test("an idle connection is closed at once; close() does not wait for the grace period", async () => {
    const handle = await echoServer();
    const client = await connect(handle.address.port);
    await eventually(() => handle.connections.size === 1);
    const started = Date.now();
    await handle.close({ graceMs: 5_000 });
    const took = Date.now() - started;
    expectTrue(took < 1_000, `close() took ${took} ms for an idle connection`, LESSONS.closing);
    expectTrue(
      await eventually(() => client.state.ended),
      "no FIN for the client",
      LESSONS.closing,
    );
    expect(handle.closeReport).toEqual({ destroyed: 0 });
  });

  test("a line in progress is finished and echoed before the close", async () => {
    const handle = await echoServer();
    const client = await connect(handle.address.port);
    client.socket.write("almost");
    await eventually(() => bytesRead(handle) === 6);
    const closing = handle.close({ graceMs: 5_000 });
    await new Promise((r) => setTimeout(r, 100));
    expectTrue(!client.state.ended, "closed in the middle of a line", LESSONS.closing);
    // The next line has begun too: the server stops after the current one.
    client.socket.write(" done\nand the next");
    const started = Date.now();
    await closing;
    expectBytes(client.state.received, "almost done\n", LESSONS.closing);
    expect(handle.closeReport).toEqual({ destroyed: 0 });
    const took = Date.now() - started;
    expectTrue(took < 1_000, `close() took ${took} ms after the line ended`, LESSONS.closing);
  });

  test("a connection that never finishes is destroyed at the deadline", async () => {
    const handle = await echoServer();
    const client = await connect(handle.address.port);
    client.socket.write("never ends");
    await eventually(() => bytesRead(handle) === 10);
    const started = Date.now();
    await handle.close({ graceMs: 200 });
    const took = Date.now() - started;
    expectTrue(
      took >= 190 && took < 1_500,
      `close() took ${took} ms with graceMs 200`,
      LESSONS.closing,
    );
    expect(handle.closeReport).toEqual({ destroyed: 1 });
    expect(handle.connections.size).toBe(0);
  });

  test("a socket no Connection serves is left alone until the deadline", async () => {
    const handle = await listenTcp({ host: "127.0.0.1", port: 0 }, () => undefined);
    await connect(handle.address.port);
    await eventually(() => handle.connections.size === 1);
    await handle.close({ graceMs: 100 });
    expect(handle.closeReport).toEqual({ destroyed: 1 });
  });

  test("stops accepting at once, and repeated close() calls share one close", async () => {
    const handle = await echoServer();
    const client = await connect(handle.address.port);
    client.socket.write("busy");
    await eventually(() => bytesRead(handle) === 4);
    const first = handle.close({ graceMs: 300 });
    expect(handle.close()).toBe(first);
    const refused = await new Promise<string>((resolve) => {
      const late = net.connect(handle.address.port, "127.0.0.1");
      late.on("connect", () => resolve("connected"));
      late.on("error", (e: NodeJS.ErrnoException) => resolve(String(e.code)));
    });
    expectTrue(refused === "ECONNREFUSED", `a new connection got: ${refused}`, LESSONS.closing);
    await first;
  });
});

describe("stage 01", () => {
  const settings = { host: "127.0.0.1", port: 0, root: "." };

  test("sets the line echo as the protocol and says how to try it", async () => {
    const plan = fold(settings, [stage]);
    expect(stage).toMatchObject({ chapter: 1, slug: "01-sockets" });
    expect(plan.banner.join("\n")).toContain("telnet://{origin}");
    expect(plan.listeners.map((l) => [l.name, l.secure])).toEqual([["tcp", false]]);
    expect(plan.protocols.map((p) => p.id)).toEqual(["line-echo"]);
    const [echo] = plan.protocols;
    if (echo === undefined) throw new Error("no protocol");
    const handle = await listenTcp(settings, (socket) =>
      echo.serve(socket, connectionInfo(socket)),
    );
    open.push(handle);
    const { received } = await exchange(handle.address.port, "stage\n", {
      until: (b) => b.includes(0x0a),
    });
    expectBytes(received, "stage\n", LESSONS.echo);
  });
});
