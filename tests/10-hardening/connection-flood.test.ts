/**
 * Connection caps at accept, over real sockets: one address past its own
 * cap, a flood past the global cap, and back-pressure (a short wait for
 * a slot) before the refusal. Refusals are a 503 with Retry-After.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { http1ConnectionHandler } from "#ch03/serve-http1.ts";
import { ConnectionGate, refusal } from "#ch10/connection-gate.ts";
import { connectPeer, type RawPeer, statusOf, within } from "./attacker.ts";

const hello = () => ({ status: 200, body: "hello world" });

let gate: ConnectionGate;
let server: net.Server;
let port = 0;
const open = new Set<net.Socket>();

beforeAll(async () => {
  const serve = http1ConnectionHandler(hello, { keepAliveTimeoutMs: 30_000 });
  gate = new ConnectionGate(serve, {
    maxConnections: 6,
    maxConnectionsPerAddress: 3,
    maxWaiting: 2,
    waitMs: 300,
    retryAfterSeconds: 7,
  });
  server = net.createServer((socket) => {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
    gate.accept(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  for (const s of open) s.destroy();
  await new Promise((resolve) => server.close(resolve));
});

/** Idle keep-alive connections from `address`, each admitted (one GET answered). */
async function holdOpen(count: number, address: string): Promise<RawPeer[]> {
  const peers: RawPeer[] = [];
  for (let i = 0; i < count; i++) {
    const peer = await connectPeer(port, address);
    peer.socket.write("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n");
    await peer.waitFor("hello world");
    peers.push(peer);
  }
  return peers;
}

async function closeAll(peers: RawPeer[]): Promise<void> {
  for (const p of peers) p.socket.destroy();
  await Promise.all(peers.map((p) => p.closed));
  // The gate counts a release on the server side's close event.
  for (let i = 0; i < 50 && gate.limiter.open > 0; i++) await new Promise((r) => setTimeout(r, 10));
}

test("the refusal is a complete 503 with Retry-After (RFC 9110 §15.6.4, §10.2.3)", () => {
  const text = refusal("full", 5).toString();
  expect(text).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
  expect(text).toContain("\r\nretry-after: 5\r\n");
  expect(text).toContain("\r\nconnection: close\r\n");
});

describe("per-address cap", () => {
  test("a fourth connection from one address gets 503; another address is served", async () => {
    const mine = await holdOpen(3, "127.0.0.1");
    try {
      const extra = await connectPeer(port, "127.0.0.1");
      const answer = await extra.waitFor("\r\n\r\n");
      expect(answer).toMatch(/^HTTP\/1\.1 503 /);
      expect(answer).toContain("retry-after: 7");
      expect(answer).toContain("TOO_MANY_CONNECTIONS");
      expect(await within(extra.closed, 2_000), "the refused socket is closed").toBe(true);
      expect(await statusOf(port, "/hello", "127.0.0.2")).toBe(200);
    } finally {
      await closeAll(mine);
    }
  });
});

describe("global cap", () => {
  test("a flood past the cap: 2 wait, the rest get 503 at once, waiters get 503 later", async () => {
    const held = [...(await holdOpen(3, "127.0.0.2")), ...(await holdOpen(3, "127.0.0.3"))];
    try {
      expect(gate.limiter.open).toBe(6);
      const flood: RawPeer[] = [];
      for (let i = 0; i < 30; i++) flood.push(await connectPeer(port, `127.0.1.${i + 1}`));
      await Promise.all(flood.map((p) => within(p.closed, 2_000)));
      const answers = flood.map((p) => p.received());
      expect(answers.every((a) => /^HTTP\/1\.1 503 /.test(a) && a.includes("SERVER_FULL"))).toBe(
        true,
      );
      expect(gate.limiter.open, "the flood took no slot").toBe(6);
      expect(gate.waiting).toBe(0);
    } finally {
      await closeAll(held);
    }
    expect(await statusOf(port, "/hello", "127.0.0.9"), "served again once the flood is gone").toBe(
      200,
    );
  });

  test("back-pressure: a waiting connection is served as soon as a slot frees", async () => {
    const held = [...(await holdOpen(3, "127.0.0.2")), ...(await holdOpen(3, "127.0.0.3"))];
    try {
      const waiter = await connectPeer(port, "127.0.0.4");
      waiter.socket.write("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n");
      await new Promise((r) => setTimeout(r, 50));
      expect(gate.waiting).toBe(1);
      expect(waiter.received(), "nothing is read while it waits").toBe("");
      held[0]?.socket.destroy();
      expect(await waiter.waitFor("hello world", 2_000)).toMatch(/^HTTP\/1\.1 200 /);
      waiter.socket.destroy();
    } finally {
      await closeAll(held);
    }
  });
});
