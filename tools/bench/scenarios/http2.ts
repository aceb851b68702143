/**
 * HTTP/2: ours (chapter 13's connection, assembled, as shipped) against
 * node:http2 serving the same /hello, with h2load: 10 connections, 100
 * streams in flight on each (the figure: h2c ≥ 2× node:http2 and
 * h2 over TLS ≥ 2×, RSS no worse).
 *
 * - h2c: HTTP/2 with prior knowledge on the plain port (RFC 9113 §3.3).
 * - h2-tls: HTTP/2 by ALPN on chapter 09's TLS listener, the same
 *   ECDSA P-256 certificate for both servers.
 *
 * h2load comes with Debian's nghttp2-client; the bench installs it when
 * it is missing and may (root, apt-get), as it does nginx.
 */
import { spawnSync } from "node:child_process";
import http2 from "node:http2";
import { parseH2load } from "../load-tools/h2load.ts";
import type { LoadRun, LoadTool } from "../load-tools/load-tool.ts";
import type { Measurement } from "../measurement.ts";
import { which } from "../pinning.ts";
import { PROBE_TIMEOUT_MS, type ProbeResult } from "../probe.ts";
import type { ServerSpec } from "../server-process.ts";
import { peerArgv, ROOT } from "../servers.ts";
import { alternatingRounds } from "./alternating-rounds.ts";
import { type BenchFiles, benchCertificate } from "./bench-certificate.ts";
import type { BenchContext, Scenario } from "./scenario.ts";
import { startServers } from "./start-servers.ts";

/** The first chapter that speaks HTTP/2. */
const H2_CHAPTER = 13;
/** The load shape: 10 connections, 100 streams in flight on each. */
export const H2_CONNECTIONS = 10;
export const H2_STREAMS = 100;
/** Debian's package with h2load and nghttp. */
const NGHTTP2_PACKAGE = "nghttp2-client";
const INSTALL_TIMEOUT_MS = 180_000;

/** h2load speaking HTTP/2 (h2c for http://, ALPN h2 for https://). */
export const h2loadH2: LoadTool = {
  name: "h2load (HTTP/2)",
  pipelines: true,
  available: () => which("h2load") !== undefined,
  command: (run: LoadRun) => [
    "h2load",
    "--threads",
    "1",
    "--clients",
    String(run.connections),
    "--max-concurrent-streams",
    String(run.pipelining),
    "--duration",
    String(run.durationSec),
    "--warm-up-time",
    "0",
    run.url,
  ],
  parse: parseH2load,
};

/** h2load on PATH, installing nghttp2-client first when missing and allowed. */
function ensureH2load(log: (message: string) => void): boolean {
  if (which("h2load") !== undefined) return true;
  if (process.getuid?.() !== 0 || which("apt-get") === undefined) return false;
  log(`h2load not installed: installing ${NGHTTP2_PACKAGE} (apt-get)`);
  spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", NGHTTP2_PACKAGE], {
    stdio: "ignore",
    timeout: INSTALL_TIMEOUT_MS,
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return which("h2load") !== undefined;
}

/** Ours at least as of chapter 13, plain on {port} or TLS on {port}. */
function oursSpec(context: BenchContext, files: BenchFiles, tls: boolean): ServerSpec {
  const argv = context.ours.argv.map((a, i, all) => {
    if (tls && a === "{port}") return "0";
    if (all[i - 1] === "--chapter" && Number(a) < H2_CHAPTER) return String(H2_CHAPTER);
    return a;
  });
  const tlsFlags = tls
    ? [
        "--tls",
        "--tls-port",
        "{port}",
        "--tls-cert",
        files.cert,
        "--tls-key",
        files.key,
        "--hsts",
        "off",
      ]
    : [];
  return {
    name: "ours",
    argv: [...argv, ...tlsFlags],
    cwd: ROOT,
    env: { HANDSHAKE_STATIC_ROOT: files.dir },
  };
}

function peerSpec(context: BenchContext, files: BenchFiles, tls: boolean): ServerSpec {
  const certFlags = tls ? ["--cert", files.cert, "--key", files.key] : [];
  return {
    name: "node:http2",
    argv: [...peerArgv("node-http2-server.ts", context.ours), ...certFlags],
    cwd: ROOT,
  };
}

/** GET /hello over HTTP/2 with node:http2's client: 200 and `hello world`. */
function probeH2(port: number, tls: boolean): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const url = `${tls ? "https" : "http"}://127.0.0.1:${port}`;
    const session = http2.connect(url, { rejectUnauthorized: false });
    const done = (r: ProbeResult): void => {
      clearTimeout(timer);
      session.destroy();
      resolve(r);
    };
    const timer = setTimeout(
      () => done({ ok: false, reason: "no HTTP/2 answer in time" }),
      PROBE_TIMEOUT_MS,
    );
    session.on("error", (e) => done({ ok: false, reason: e.message }));
    const stream = session.request({ ":path": "/hello" });
    let status = 0;
    let body = "";
    stream.on("response", (h) => {
      status = Number(h[":status"]);
    });
    stream.on("data", (d: Buffer) => {
      body += d.toString();
    });
    stream.on("end", () =>
      done(
        status === 200 && body === "hello world"
          ? { ok: true }
          : {
              ok: false,
              reason: `expected 200 "hello world", got ${status} ${JSON.stringify(body)}`,
            },
      ),
    );
    stream.on("error", (e) => done({ ok: false, reason: e.message }));
  });
}

function h2Scenario(name: string, description: string, tls: boolean): Scenario {
  return {
    name,
    description,
    targets: [{ scenario: name, minRatio: 2 }],
    async run(context) {
      if (!ensureH2load(context.log)) {
        return [
          { kind: "skipped", scenario: name, server: "all", reason: "h2load is not installed" },
        ];
      }
      const files = await benchCertificate("h2");
      const specs = [oursSpec(context, files, tls), peerSpec(context, files, tls)];
      const started = await startServers(context, name, specs, (s) => probeH2(s.port, tls));
      const out: Measurement[] = [...started.skipped];
      try {
        out.push(
          ...(await alternatingRounds(context, name, h2loadH2, started.servers, (s, sec) => ({
            url: `${tls ? "https" : "http"}://127.0.0.1:${s.port}/hello`,
            connections: H2_CONNECTIONS,
            pipelining: H2_STREAMS,
            durationSec: sec,
          }))),
        );
      } finally {
        await Promise.all(started.servers.map((s) => s.stop()));
      }
      return out;
    },
  };
}

export const HTTP2_SCENARIOS: readonly Scenario[] = [
  h2Scenario(
    "h2c",
    "GET /hello over h2c (prior knowledge), 10 connections x 100 streams (h2load)",
    false,
  ),
  h2Scenario(
    "h2-tls",
    "GET /hello over h2 (TLS, ALPN), 10 connections x 100 streams (h2load)",
    true,
  ),
];
