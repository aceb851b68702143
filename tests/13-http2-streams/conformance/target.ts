/**
 * What the conformance suite talks to: the assembled server as of
 * chapter 13 (startH2Server), or, with HANDSHAKE_H2_TARGET=node:http2,
 * node's own HTTP/2 server answering the same paths. The second exists
 * to check a new test against a reference peer before blaming the
 * chapter for it: `HANDSHAKE_H2_TARGET=node:http2 npx vitest run
 * tests/13-http2-streams/conformance`. (nghttp2 has quirks of its own:
 * some answers differ, and it leaves the socket open after GOAWAY.)
 */
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { Setting } from "#ch11/settings.ts";
import type { ServerSettings } from "../../../src/stages/stage.ts";
import { H2Wire, type WireOptions } from "../h2-wire.ts";
import { bigBytes, BIG_NAME, startH2Server } from "../server.ts";

export interface Target {
  readonly port: number;
  /** The TLS port (ALPN h2); 0 for the node:http2 stand-in. */
  readonly tlsPort: number;
  readonly ca: string;
  close(): Promise<void>;
}

export const AGAINST_NODE = process.env.HANDSHAKE_H2_TARGET === "node:http2";

async function nodeTarget(): Promise<Target> {
  const big = bigBytes();
  const sessions = new Set<http2.ServerHttp2Session>();
  const server = http2.createServer({ settings: { maxConcurrentStreams: 100 } }, (req, res) => {
    if (req.url === `/${BIG_NAME}`) return void res.end(big);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      res.setHeader("content-type", "text/plain");
      res.end(req.url === "/hello" ? "hello world" : Buffer.concat(chunks));
    });
  });
  server.on("session", (s) => {
    sessions.add(s);
    s.on("close", () => sessions.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    tlsPort: 0,
    ca: "",
    close: async () => {
      for (const s of sessions) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export interface UsedTarget {
  readonly current: Target;
  /** A raw connection, handshake done; closed after the test. */
  open(settings?: readonly Setting[], options?: WireOptions): Promise<H2Wire>;
  /** A raw connection, nothing sent yet; closed after the test. */
  connect(options?: WireOptions): Promise<H2Wire>;
}

/** Starts the target before the file's tests and stops it after. */
export function useTarget(overrides: Partial<ServerSettings> = {}): UsedTarget {
  const wires = new Set<H2Wire>();
  const track = (w: H2Wire): H2Wire => {
    wires.add(w);
    return w;
  };
  const used = {
    current: undefined as unknown as Target,
    open: async (settings: readonly Setting[] = [], options: WireOptions = {}) =>
      track(await H2Wire.open(used.current.port, settings, options)),
    connect: async (options: WireOptions = {}) =>
      track(await H2Wire.connect(used.current.port, options)),
  };
  beforeAll(async () => {
    used.current = AGAINST_NODE ? await nodeTarget() : await startH2Server(overrides);
  });
  afterEach(() => {
    for (const w of wires) w.close();
    wires.clear();
  });
  afterAll(async () => {
    await used.current?.close();
  });
  return used;
}
