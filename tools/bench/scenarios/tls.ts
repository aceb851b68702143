import tls from "node:tls";
import { SESSION_TIMEOUT_S, TLS_PROFILE } from "#ch09/tls-profile.ts";
import type { LoadTool } from "../load-tools/load-tool.ts";
import { wrk } from "../load-tools/wrk.ts";
import type { Measurement } from "../measurement.ts";
import type { ProbeResult } from "../probe.ts";
import { checkHelloResponse, PROBE_TIMEOUT_MS } from "../probe.ts";
import type { ServerSpec } from "../server-process.ts";
import { peerArgv, ROOT } from "../servers.ts";
import { alternatingRounds } from "./alternating-rounds.ts";
import { type BenchFiles, benchCertificate } from "./bench-certificate.ts";
import type { BenchContext, Scenario } from "./scenario.ts";
import { startServers } from "./start-servers.ts";

/** The first chapter with a TLS listener. */
const TLS_CHAPTER = 9;

/** Ours with --tls on {port} (its plain port on any free one). */
function oursTls(context: BenchContext, files: BenchFiles): ServerSpec {
  const argv = context.ours.argv.map((a, i, all) => {
    if (a === "{port}") return "0";
    if (all[i - 1] === "--chapter" && Number(a) < TLS_CHAPTER) return String(TLS_CHAPTER);
    return a;
  });
  const tlsFlags = [
    "--tls",
    "--tls-port",
    "{port}",
    "--tls-cert",
    files.cert,
    "--tls-key",
    files.key,
    "--hsts",
    "off",
  ];
  // An empty static root: chapter 06 would otherwise build the book.
  return {
    name: "ours",
    argv: [...argv, ...tlsFlags],
    cwd: ROOT,
    env: { HANDSHAKE_STATIC_ROOT: files.dir },
  };
}

/** Fields node:http writes itself (or that frame this one response). */
const OWN_FIELDS = new Set(["date", "content-length", "connection", "keep-alive"]);

/** The header fields of a raw response, minus OWN_FIELDS, in order. */
export function headFields(raw: string): [string, string][] {
  const head = raw.slice(0, raw.indexOf("\r\n\r\n")).split("\r\n").slice(1);
  return head
    .map((line): [string, string] => {
      const colon = line.indexOf(":");
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    })
    .filter(([name]) => !OWN_FIELDS.has(name));
}

/**
 * node:https with ours' certificate, ours' TLS profile, and the fields
 * ours sent (`raw`, its answer to the probe): the same cryptography and
 * the same response.
 */
function peerTls(context: BenchContext, files: BenchFiles, raw: string): ServerSpec {
  const profile = { ...TLS_PROFILE, sessionTimeout: SESSION_TIMEOUT_S };
  return {
    name: "node:https",
    argv: [
      ...peerArgv("node-https-server.ts", context.ours),
      "--cert",
      files.cert,
      "--key",
      files.key,
      "--tls-json",
      JSON.stringify(profile),
      "--fields-json",
      JSON.stringify(headFields(raw)),
    ],
    cwd: ROOT,
  };
}

/** GET /hello over TLS, checked like the plain probe; `raw` is the answer. */
function probeTls(port: number): Promise<ProbeResult & { readonly raw: string }> {
  return new Promise((resolve) => {
    const socket = tls.connect({ port, host: "127.0.0.1", rejectUnauthorized: false });
    let raw = "";
    const done = (r: ProbeResult): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...r, raw });
    };
    const timer = setTimeout(
      () => done({ ok: false, reason: "no TLS answer in time" }),
      PROBE_TIMEOUT_MS,
    );
    socket.on("secureConnect", () =>
      socket.write("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
    );
    socket.on("data", (d: Buffer) => {
      raw += d.toString("latin1");
      const r = checkHelloResponse(raw, "hello world");
      if (r.ok) done(r);
    });
    socket.on("error", (e) => done({ ok: false, reason: e.message }));
  });
}

/**
 * Ours first, then node:https sending what ours sent; logs both response
 * sizes, so a reader sees the two answers are the same bytes.
 */
async function startTlsServers(context: BenchContext, name: string, files: BenchFiles) {
  let oursRaw = "";
  const ours = await startServers(context, name, [oursTls(context, files)], async (s) => {
    const r = await probeTls(s.port);
    oursRaw = r.raw;
    return r;
  });
  let peerRaw = "";
  const peer = await startServers(context, name, [peerTls(context, files, oursRaw)], async (s) => {
    const r = await probeTls(s.port);
    peerRaw = r.raw;
    return r;
  });
  context.log(
    `${name}: /hello response over keep-alive: ours ${oursRaw.length} bytes, ` +
      `node:https ${peerRaw.length} bytes (its Connection: keep-alive)`,
  );
  return {
    servers: [...ours.servers, ...peer.servers],
    skipped: [...ours.skipped, ...peer.skipped],
  };
}

/** wrk that closes after every response: each request is a new handshake. */
const wrkClose: LoadTool = {
  ...wrk,
  name: "wrk (Connection: close)",
  command: (run) => {
    const argv = wrk.command(run);
    return [...argv.slice(0, -1), "--header", "Connection: close", argv.at(-1) as string];
  },
};

function tlsScenario(
  name: string,
  description: string,
  tool: LoadTool,
  minRatio: number,
): Scenario {
  return {
    name,
    description,
    targets: [{ scenario: name, minRatio }],
    async run(context) {
      if (!tool.available()) {
        return [{ kind: "skipped", scenario: name, server: "all", reason: "wrk is not installed" }];
      }
      const files = await benchCertificate("tls");
      const started = await startTlsServers(context, name, files);
      const out: Measurement[] = [...started.skipped];
      try {
        out.push(
          ...(await alternatingRounds(context, name, tool, started.servers, (s, sec) => ({
            url: `https://127.0.0.1:${s.port}/hello`,
            connections: context.options.connections,
            pipelining: 1,
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

export const TLS_SCENARIOS: readonly Scenario[] = [
  tlsScenario("tls-keepalive", "GET /hello over keep-alive TLS connections (wrk)", wrk, 1.3),
  tlsScenario(
    "tls-handshakes",
    "GET /hello, a new TLS connection per request: handshakes/s (wrk)",
    wrkClose,
    1,
  ),
];
