/**
 * Test servers for chapter 13, all on 127.0.0.1 port 0:
 *
 * - startH2: chapter 13's Protocol alone on a loopback listener, with a
 *   handler of the test's own;
 * - startChapter13: the whole server as of chapter 13, plain port only;
 * - startH2Server: the whole server as of chapter 13 twice over, the
 *   plain listener (HTTP/1.1, or h2c with prior knowledge: the connection
 *   preface decides) and chapter 09's TLS listener (ALPN "h2" or
 *   "http/1.1") with a certificate from chapter 09's throw-away PKI,
 *   serving a copy of fixtures/site plus one large generated file, so no
 *   test waits for the book to be built and none commits a megabyte.
 */
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Connection, connectionInfo } from "#ch01/connection.ts";
import type { Logger } from "#ch03/logger.ts";
import type { Handler } from "#ch03/message.ts";
import { json } from "#ch05/response.ts";
import { LOCAL_HOSTS } from "#ch10/host-check.ts";
import type { H2Options } from "#ch13/h2-options.ts";
import { h2Protocol } from "#ch13/serve-h2.ts";
import { assemble } from "../../src/assembly.ts";
import { type RunningServer, servePlan } from "../../src/server.ts";
import type { ServerPlan, ServerSettings } from "../../src/stages/stage.ts";
import { makePki } from "../09-tls/pki.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

export interface TestServer {
  readonly port: number;
  readonly connections: Connection[];
  readonly logs: string[];
  close(): Promise<void>;
}

/** A logger that keeps events, so tests stay quiet and can look. */
export function memoryLogger(logs: string[]): Logger {
  return {
    error: (event, fields) => logs.push(`error ${event} ${JSON.stringify(fields ?? {})}`),
    info: (event, fields) => logs.push(`info ${event} ${JSON.stringify(fields ?? {})}`),
  };
}

export async function startH2(
  handler: Handler,
  options: Partial<H2Options> = {},
): Promise<TestServer> {
  const logs: string[] = [];
  const protocol = h2Protocol(handler, { logger: memoryLogger(logs), ...options });
  const connections: Connection[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    connections.push(protocol.serve(socket, connectionInfo(socket)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    connections,
    logs,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The whole server as of chapter 13, plain port only. */
export async function startChapter13(
  extra: Record<string, unknown> = {},
): Promise<{ port: number; close(): Promise<void> }> {
  const settings = {
    host: "127.0.0.1",
    port: 0,
    root: path.resolve(here, "../.."),
    staticRoot: path.resolve(here, "../10-hardening/fixtures/site"),
    limits: { shutdownGraceMs: 200 },
    ...extra,
  };
  const { plan, chapter } = assemble(settings, 13);
  const server = await servePlan(plan, chapter);
  return {
    port: server.port,
    close: async () => {
      await server.close();
    },
  };
}

export const SITE = path.join(here, "fixtures", "site");

/** The chapter these tests assemble up to. */
export const CHAPTER = 13;

/** A large file: several flow-control windows (65,535 bytes each) and an odd tail. */
export const BIG_NAME = "big.bin";
export const BIG_SIZE = 1024 * 1024 + 4321;

/** big.bin's bytes: a pattern no compression or off-by-one can fake. */
export function bigBytes(): Buffer {
  const out = Buffer.allocUnsafe(BIG_SIZE);
  for (let i = 0; i < BIG_SIZE; i++) out[i] = (i * 31 + (i >>> 8)) & 0xff;
  return out;
}

export interface H2Server {
  /** The plain port: HTTP/1.1, or h2c with prior knowledge. */
  readonly port: number;
  /** The TLS port: ALPN h2 or http/1.1. */
  readonly tlsPort: number;
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `https://localhost:TLSPORT` (the certificate names localhost and 127.0.0.1). */
  readonly tlsUrl: string;
  /** The test CA's PEM, and its file (curl --cacert, nghttp has no CA flag). */
  readonly ca: string;
  readonly caPath: string;
  readonly staticRoot: string;
  readonly plan: ServerPlan;
  readonly server: RunningServer;
  close(): Promise<void>;
}

/** A temporary static root: the fixture site plus big.bin. */
function makeSite(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "handshake-ch13-site-"));
  cpSync(SITE, root, { recursive: true });
  writeFileSync(path.join(root, BIG_NAME), bigBytes());
  return root;
}

/**
 * Start the chapter 13 server. `overrides` is spread into the settings
 * last (chapter 13's own limits, chapter 10's hardening), so a test can
 * lower a limit to reach it quickly.
 */
export async function startH2Server(overrides: Partial<ServerSettings> = {}): Promise<H2Server> {
  const pki = await makePki();
  const pair = await pki.leaf("local", ["localhost", "127.0.0.1"]);
  const staticRoot = makeSite();
  const settings = {
    host: "127.0.0.1",
    port: 0,
    root: path.resolve(here, "../.."),
    staticRoot,
    hardening: { allowedHosts: LOCAL_HOSTS },
    limits: { shutdownGraceMs: 200 },
    tls: { port: 0, pairs: [pair], redirect: false, hsts: false as const },
    ...overrides,
  };
  const { plan, chapter } = assemble(settings, CHAPTER);
  plan.extensions.router?.mount("/api", counterRoute());
  const server = await servePlan(plan, chapter);
  const tlsPort = server.listeners.find((l) => l.secure)?.port ?? 0;
  return {
    port: server.port,
    tlsPort,
    url: `http://127.0.0.1:${server.port}`,
    tlsUrl: `https://localhost:${tlsPort}`,
    ca: pki.ca,
    caPath: pki.caPath,
    staticRoot,
    plan,
    server,
    close: async () => {
      await server.close();
    },
  };
}

/** Where counterRoute answers, under chapter 05's /api mount (which chapter 07 caches). */
export const COUNTER_PATH = "/api/counter";

/**
 * GET /api/counter: how many times the handler ran, fresh for a minute.
 * The shipped routes state no freshness, so none is ever a cache hit; this
 * one is, and its count shows whether a response came from the cache.
 */
function counterRoute() {
  let served = 0;
  return (routes: { get(path: string, handler: () => ReturnType<typeof json>): unknown }) => {
    routes.get("/counter", () => {
      served++;
      return json({ served }, { headers: [["cache-control", "public, max-age=60"]] });
    });
  };
}

/** True once the assembled server speaks h2 (chapter 13's stage is listed). */
export function speaksH2(plan: ServerPlan): boolean {
  return plan.protocols.some((p) => p.id === "h2");
}
