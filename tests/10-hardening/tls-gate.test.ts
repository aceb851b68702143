/**
 * The connection caps on the TLS port count a connection as it is
 * accepted, before its ClientHello (chapter 01's Admit): a client that
 * opens connections and never finishes a handshake is held to its
 * per-address cap like any other, and every count comes back to zero
 * once the connections are gone, whether they finished a handshake, sent
 * garbage or said nothing.
 */
import net from "node:net";
import tls from "node:tls";
import { afterAll, beforeAll, expect, test } from "vitest";
import { assemble } from "../../src/assembly.ts";
import { type RunningServer, servePlan } from "../../src/server.ts";
import type { ServerPlan } from "../../src/stages/stage.ts";
import { makePki, type TestPki } from "../09-tls/pki.ts";
import { within } from "./attacker.ts";
import { SITE } from "./server.ts";

const BOOK = "chapters/10-hardening.md#the-gate";
const CAP = 3;

let pki: TestPki;
let plan: ServerPlan;
let server: RunningServer;
let port = 0;

beforeAll(async () => {
  pki = await makePki();
  const pair = await pki.leaf("local", ["localhost", "127.0.0.1"]);
  const settings = {
    host: "127.0.0.1",
    port: 0,
    root: process.cwd(),
    staticRoot: SITE,
    tls: { port: 0, pairs: [pair], redirect: false, hsts: false as const },
    hardening: { connections: { maxConnectionsPerAddress: CAP, waitMs: 200 } },
    limits: { shutdownGraceMs: 200 },
  };
  plan = assemble(settings, 10).plan;
  server = await servePlan(plan, 10);
  port = server.listeners.find((l) => l.name === "https")?.port ?? 0;
});
afterAll(() => server?.close());

const gate = () => {
  const g = plan.extensions.hardening?.gate;
  if (g === undefined) throw new Error("chapter 10's gate is not in the plan");
  return g;
};

/** Raw TCP connections to the TLS port that send `bytes` (or nothing). */
async function connectRaw(count: number, bytes = "") {
  const sockets: { socket: net.Socket; closed: Promise<void> }[] = [];
  for (let i = 0; i < count; i++) {
    const socket = net.connect(port, "127.0.0.1");
    socket.on("error", () => {});
    socket.resume(); // read what the server sends, and so see its FIN
    const closed = new Promise<void>((done) => socket.on("close", () => done()));
    await new Promise<void>((ok) => socket.once("connect", () => ok()));
    if (bytes !== "") socket.write(bytes);
    sockets.push({ socket, closed });
  }
  return sockets;
}

async function countsBackToZero(): Promise<void> {
  for (let i = 0; i < 100 && gate().limiter.open > 0; i++)
    await new Promise((r) => setTimeout(r, 10));
  expect(gate().limiter.open, "every admitted connection released").toBe(0);
  expect(gate().limiter.addresses).toBe(0);
}

test("connections that never send a ClientHello count against the per-address cap", async () => {
  const silent = await connectRaw(CAP + 3);
  try {
    const closedEarly = await Promise.all(silent.map((s) => within(s.closed, 1_000)));
    // The first CAP are held (waiting for a hello that never comes); the
    // rest are closed at once: a TLS client could not read a 503 in clear.
    expect(
      closedEarly.filter(Boolean).length,
      `closed early: ${closedEarly.join(",")} (rule: the cap counts at accept, before the handshake; ${BOOK})`,
    ).toBe(3);
    expect(closedEarly.slice(0, CAP)).toEqual([false, false, false]);
    expect(gate().limiter.from("127.0.0.1")).toBe(CAP);
  } finally {
    for (const s of silent) s.socket.destroy();
    await Promise.all(silent.map((s) => s.closed));
  }
  await countsBackToZero();
});

test("handshakes, plain HTTP and garbage on the TLS port all release their slot", async () => {
  for (let i = 0; i < CAP + 2; i++) {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = tls.connect({ port, host: "127.0.0.1", ca: pki.ca, servername: "localhost" });
      let text = "";
      socket.on("data", (d: Buffer) => {
        text += d.toString("latin1");
      });
      socket.on("error", reject);
      socket.on("close", () => resolve(text));
      socket.on("secureConnect", () =>
        socket.write("GET /hello HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
      );
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  }
  const odd = [
    ...(await connectRaw(1, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")),
    ...(await connectRaw(1, "\x01\x02\x03\x04\x05\x06")),
  ];
  const closed = await Promise.all(odd.map((s) => within(s.closed, 3_000)));
  for (const s of odd) s.socket.destroy();
  expect(closed, "plain HTTP gets its 400, garbage its alert, and both are closed").toEqual([
    true,
    true,
  ]);
  await countsBackToZero();
});
