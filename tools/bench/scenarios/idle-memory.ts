/**
 * What an idle keep-alive connection costs the server, in RSS.
 *
 * A browser keeps connections open between page views; a server with ten
 * thousand such clients holds ten thousand sockets doing nothing. For each
 * server: measure RSS, open N connections from this process (each sends
 * one GET and reads its answer, then sits idle), wait for the heap to
 * settle, measure again. The delta over the connections still open is the
 * price of one idle connection.
 */
import { execFileSync } from "node:child_process";
import net from "node:net";
import type { Measurement } from "../measurement.ts";
import { probeHello } from "../probe.ts";
import type { ServerProcess } from "../server-process.ts";
import { helloServers, IDLE_ENV } from "../servers.ts";
import type { BenchContext, Scenario } from "./scenario.ts";
import { startServers } from "./start-servers.ts";

/** Connections opened at once: below the default listen backlog of 511. */
export const CONNECT_CONCURRENCY = 256;
/** Bound on opening all connections; after it we measure what we have. */
export const OPEN_TIMEOUT_MS = 60_000;
/** Per connection: connect, send, and read the response. */
const CONNECTION_TIMEOUT_MS = 10_000;
/** Let allocation settle (and the GC run) before reading RSS. */
const SETTLE_MS = 1_500;
/** File descriptors this process keeps for everything but the clients. */
export const FD_HEADROOM = 256;

const REQUEST = Buffer.from("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "latin1");

/** `ulimit -n` of this process (inherited by the servers). */
function openFileLimit(): number {
  const out = execFileSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" }).trim();
  return out === "unlimited" ? Number.POSITIVE_INFINITY : Number(out);
}

/** How many connections fit under the fd limit, and a note if scaled down. */
export function fitConnections(wanted: number, fdLimit: number) {
  const room = Math.max(0, fdLimit - FD_HEADROOM);
  if (wanted <= room) return { count: wanted, note: undefined };
  return {
    count: room,
    note:
      `ulimit -n is ${fdLimit}: scaled ${wanted} idle connections down to ` +
      `${room}; raise it with \`ulimit -n ${wanted + FD_HEADROOM * 2}\``,
  };
}

/**
 * Idle clients per source address. Chapter 10 admits at most 256
 * connections per client address by default, so ten thousand clients on
 * one address would measure the refusal, not the memory; spread over
 * 127.0.0.2, 127.0.0.3, ... (all of 127.0.0.0/8 is this machine), they
 * meet the shipped server as ten thousand visitors would.
 */
export const CLIENTS_PER_ADDRESS = 200;

/** The loopback address the i-th idle client connects from. */
export function clientAddress(i: number): string {
  const n = 2 + Math.floor(i / CLIENTS_PER_ADDRESS);
  return `127.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** One idle client: resolves with the socket once its response arrived. */
function openIdle(port: number, i: number): Promise<net.Socket | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1", localAddress: clientAddress(i) });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(undefined);
    }, CONNECTION_TIMEOUT_MS);
    socket.once("connect", () => socket.write(REQUEST));
    socket.once("data", () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.on("error", () => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
}

/**
 * Open `count` idle connections, at most CONNECT_CONCURRENCY in progress
 * at a time (a sliding window, so one slow handshake holds up no others).
 */
async function openMany(port: number, count: number): Promise<net.Socket[]> {
  const open: net.Socket[] = [];
  const deadline = Date.now() + OPEN_TIMEOUT_MS;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count && Date.now() < deadline) {
      const socket = await openIdle(port, next++);
      if (socket) open.push(socket);
    }
  };
  const workers = Math.min(CONNECT_CONCURRENCY, count);
  await Promise.all(Array.from({ length: workers }, worker));
  return open;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function measure(server: ServerProcess, count: number): Promise<Measurement> {
  await sleep(SETTLE_MS);
  const before = server.rss();
  const start = performance.now();
  const sockets = await openMany(server.port, count);
  const openMs = performance.now() - start;
  await sleep(SETTLE_MS);
  const after = server.rss();
  const open = sockets.filter((s) => !s.destroyed && s.readyState === "open").length;
  for (const s of sockets) s.destroy();
  if (before === undefined || after === undefined) {
    return { kind: "skipped", scenario: "memory", server: server.name, reason: "server exited" };
  }
  return {
    kind: "memory",
    scenario: "memory",
    server: server.name,
    connections: open,
    attempted: count,
    openMs,
    rssBeforeBytes: before,
    rssAfterBytes: after,
    bytesPerConnection: open > 0 ? (after - before) / open : Number.NaN,
  };
}

async function run(context: BenchContext): Promise<Measurement[]> {
  const fit = fitConnections(context.options.idleConnections, openFileLimit());
  const out: Measurement[] = [];
  if (fit.note) {
    context.log(`memory: ${fit.note}`);
    out.push({ kind: "skipped", scenario: "memory", reason: fit.note });
  }
  const all = helloServers(context.ours, IDLE_ENV);
  for (const name of context.options.servers) {
    // One server at a time, fresh, so nothing else shares its memory.
    const check = (s: ServerProcess) => probeHello(s.port);
    const started = await startServers(context, "memory", [all[name]], check);
    out.push(...started.skipped);
    for (const server of started.servers) {
      context.log(`memory: ${fit.count} idle connections to ${server.name}`);
      try {
        out.push(await measure(server, fit.count));
      } finally {
        await server.stop();
      }
    }
  }
  return out;
}

export const idleMemory: Scenario = {
  name: "memory",
  description: "server RSS per idle keep-alive connection (10,000 by default)",
  run,
};
