/**
 * Static files: what we do instead of sendfile(2), measured.
 *
 * Node exposes no sendfile, so every byte of a file crosses into
 * JavaScript and back out: read into a Buffer, write to the socket. This
 * family measures what we can tune on that path, on two files:
 *
 * - static-4k: a 4 KiB file, where system calls dominate (ours serves it
 *   from memory: small-file-cache.ts, located-cache.ts).
 * - static-1m: a 1 MiB file, where copying dominates (ours serves it from
 *   memory too, SMALL_FILE_MAX, copied once into the socket; larger files
 *   stream, reading one chunk ahead: file-body.ts; `--serve --no-cache`
 *   times that path).
 *
 * Ours is the assembled server as shipped (the bundle `npm start` runs),
 * with HANDSHAKE_STATIC_ROOT pointing at the bench folder. Baselines:
 * node:http with fs.createReadStream (the usual Node answer), and nginx
 * with sendfile (the kernel-copy ceiling), Debian's nginx-light installed
 * when missing and we are root.
 *
 * This file is also the servers' entry point:
 *
 *   node --import tsx tools/bench/scenarios/static-files.ts \
 *     --serve [--peer] --root DIR --port P [--no-cache] [--chunk BYTES]
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runLoad } from "../load-tools/load-tool.ts";
import type { Measurement } from "../measurement.ts";
import { probeHello } from "../probe.ts";
import { ServerProcess, type ServerSpec, samplePeak } from "../server-process.ts";
import { which } from "../pinning.ts";
import { ROOT } from "../servers.ts";
import { writeSiblings } from "#ch08/precompress-files.ts";
import type { BenchContext, Scenario } from "./scenario.ts";

const SELF = fileURLToPath(import.meta.url);

/** Every bench file starts with this line, so the probe can check it. */
const PREFIX = "handshake static bench\n";

export interface StaticBenchFile {
  readonly name: string;
  readonly size: number;
}

export const SMALL_FILE: StaticBenchFile = { name: "file-4k.txt", size: 4 * 1024 };
export const LARGE_FILE: StaticBenchFile = { name: "file-1m.txt", size: 1024 * 1024 };

/** A temporary root holding both bench files. */
export function makeBenchRoot(): { root: string; remove(): void } {
  const root = mkdtempSync(path.join(os.tmpdir(), "handshake-bench-static-"));
  // nginx started as root runs its workers as nobody: they must read it.
  chmodSync(root, 0o755);
  for (const f of [SMALL_FILE, LARGE_FILE]) {
    const filler = "x".repeat(63) + "\n";
    const text = (PREFIX + filler.repeat(Math.ceil(f.size / filler.length))).slice(0, f.size);
    writeFileSync(path.join(root, f.name), text);
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

const tsxServer = (name: string, root: string, extra: readonly string[] = []): ServerSpec => ({
  name,
  argv: [process.execPath, "--import", "tsx", SELF, "--serve", ...extra, "--root", root].concat([
    "--host",
    "{host}",
    "--port",
    "{port}",
  ]),
  cwd: ROOT,
});

/** Debian's smallest nginx: what the bench installs when nginx is missing. */
const NGINX_PACKAGE = "nginx-light";
/** Longest an install may take before the bench goes on without nginx. */
const NGINX_INSTALL_TIMEOUT_MS = 180_000;

/**
 * nginx on PATH, installing Debian's nginx-light first when it is missing
 * and we may (root, apt-get present); undefined when it cannot be had.
 */
function ensureNginx(log: (message: string) => void): string | undefined {
  const found = which("nginx");
  if (found !== undefined) return found;
  if (process.getuid?.() !== 0 || which("apt-get") === undefined) return undefined;
  log(`nginx not installed: installing ${NGINX_PACKAGE} (apt-get)`);
  spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", NGINX_PACKAGE], {
    stdio: "ignore",
    timeout: NGINX_INSTALL_TIMEOUT_MS,
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return which("nginx");
}

/**
 * nginx with sendfile, from a generated config in a temporary folder,
 * listening on loopback only. The port is known only at start, so a shell
 * fills it into the config and execs nginx (same pid, so RSS and pinning
 * still apply to nginx). Its other settings are its defaults, except the
 * request cap, which matches ours (100,000) so neither reconnects.
 */
function nginxServer(nginx: string, root: string): ServerSpec {
  const dir = path.join(root, ".nginx"); // removed with the root; never served (a dotfile)
  mkdirSync(dir, { recursive: true });
  const conf = path.join(dir, "nginx.conf");
  const template = [
    `worker_processes 1; pid ${dir}/nginx.pid; error_log stderr;`,
    "events { worker_connections 1024; }",
    "http { access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;",
    "  default_type text/plain;",
    `  client_body_temp_path ${dir}; proxy_temp_path ${dir}; fastcgi_temp_path ${dir};`,
    `  uwsgi_temp_path ${dir}; scgi_temp_path ${dir};`,
    `  server { listen 127.0.0.1:PORT; root ${root}; } }`,
  ].join("\n");
  writeFileSync(`${conf}.in`, template);
  const script = `sed "s/PORT/$0/" ${conf}.in > ${conf} && exec ${nginx} -c ${conf} -g 'daemon off;'`;
  return { name: "nginx (sendfile)", argv: ["sh", "-c", script, "{port}"], cwd: dir };
}

/**
 * The servers compared on one file: ours as shipped (the bundle `npm
 * start` runs, every chapter, with the bench folder as its static root),
 * node:http with createReadStream, and nginx.
 */
function variants(context: BenchContext, root: string): ServerSpec[] {
  const ours: ServerSpec = {
    name: "ours",
    argv: context.ours.argv,
    cwd: ROOT,
    env: { HANDSHAKE_STATIC_ROOT: root },
  };
  const nginx = ensureNginx((m) => context.log(m));
  return [
    ours,
    tsxServer("node:http", root, ["--peer"]),
    ...(nginx ? [nginxServer(nginx, root)] : []),
  ];
}

async function measure(
  context: BenchContext,
  scenario: string,
  file: StaticBenchFile,
  servers: readonly ServerProcess[],
): Promise<Measurement[]> {
  const out: Measurement[] = [];
  const { rounds, durationSec, warmupSec, connections } = context.options;
  for (const tool of context.tools) {
    const run = (s: ServerProcess, sec: number) =>
      runLoad(
        tool,
        { url: s.url(`/${file.name}`), connections, durationSec: sec, pipelining: 1 },
        context.pin.load,
      );
    if (warmupSec > 0) for (const s of servers) await run(s, warmupSec).catch(() => {});
    for (let round = 1; round <= rounds; round++) {
      for (const s of servers) {
        const sampler = samplePeak(() => s.rss());
        const cpuBefore = s.cpuMs();
        try {
          const result = await run(s, durationSec);
          const peakRssBytes = sampler.stop();
          const cpuAfter = s.cpuMs();
          const serverCpuUsPerRequest =
            cpuBefore === undefined || cpuAfter === undefined || result.total === 0
              ? undefined
              : ((cpuAfter - cpuBefore) * 1000) / result.total;
          out.push({
            kind: "load",
            scenario,
            server: s.name,
            tool: tool.name,
            round,
            result,
            peakRssBytes,
            serverCpuUsPerRequest,
          });
          context.log(
            `${scenario} ${tool.name} ${round}/${rounds} ${s.name}: ${Math.round(result.requestsPerSec)} req/s`,
          );
        } catch (err) {
          out.push({ kind: "skipped", scenario, server: s.name, reason: String(err) });
        } finally {
          sampler.stop();
        }
      }
    }
  }
  return out;
}

function staticScenario(name: string, file: StaticBenchFile): Scenario {
  return {
    name,
    description: `GET a ${file.size / 1024} KiB file over keep-alive: ours vs node:http createReadStream vs nginx sendfile`,
    async run(context) {
      const site = makeBenchRoot();
      const out: Measurement[] = [];
      const started: ServerProcess[] = [];
      try {
        if (ensureNginx((m) => context.log(m)) === undefined) {
          out.push({
            kind: "skipped",
            scenario: name,
            server: "nginx (sendfile)",
            reason: "nginx not installed",
          });
        }
        for (const spec of variants(context, site.root)) {
          try {
            const server = await ServerProcess.start(spec, context.pin.server);
            const probe = await probeHello(server.port, `/${file.name}`, PREFIX);
            if (probe.ok) started.push(server);
            else {
              await server.stop();
              out.push({
                kind: "skipped",
                scenario: name,
                server: spec.name,
                reason: probe.reason,
              });
            }
          } catch (err) {
            out.push({ kind: "skipped", scenario: name, server: spec.name, reason: String(err) });
          }
        }
        out.push(...(await measure(context, name, file, started)));
      } finally {
        await Promise.all(started.map((s) => s.stop()));
        site.remove();
      }
      return out;
    },
  };
}

export const staticSmall: Scenario = staticScenario("static-4k", SMALL_FILE);
export const staticLarge: Scenario = staticScenario("static-1m", LARGE_FILE);

/** What a browser sends; the book page is asked for this way and without. */
export const BROWSER_ACCEPT_ENCODING = "gzip, deflate, br";
/** The figure was taken with 20 connections: a page is large. */
const BOOK_PAGE_CONNECTIONS = 20;

/**
 * A temporary root with one book page (the built chapter 03 page when the
 * book is built, else as much generated HTML) and the siblings the book
 * build writes for it (#ch08/precompress-files.ts).
 */
async function bookPageRoot(): Promise<{ root: string; remove(): void }> {
  const root = mkdtempSync(path.join(os.tmpdir(), "handshake-bench-page-"));
  const built = path.join(ROOT, "book/.vitepress/dist/chapters/03-keep-alive.html");
  const page = existsSync(built)
    ? readFileSync(built)
    : Buffer.from("<p>the fastest byte is the one not sent</p>\n".repeat(20_000));
  writeFileSync(path.join(root, "page.html"), page);
  await writeSiblings(path.join(root, "page.html"));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * The book page as a browser asks for it, against the same page
 * uncompressed, from one server as shipped: "ours" sends Accept-Encoding,
 * "ours (identity)" does not. Target: ≥ 0.8× the uncompressed rate.
 */
export const bookPage: Scenario = {
  name: "book-page",
  description: `GET a book page with and without Accept-Encoding: ${BROWSER_ACCEPT_ENCODING} (ours as shipped, ${BOOK_PAGE_CONNECTIONS} connections)`,
  targets: [{ scenario: "book-page", minRatio: 0.8, against: "ours (identity)" }],
  async run(context) {
    const site = await bookPageRoot();
    const spec: ServerSpec = {
      name: "ours",
      argv: context.ours.argv,
      cwd: ROOT,
      env: { HANDSHAKE_STATIC_ROOT: site.root },
    };
    const out: Measurement[] = [];
    let server: ServerProcess | undefined;
    try {
      server = await ServerProcess.start(spec, context.pin.server);
      const ways = [
        { name: "ours", headers: { "accept-encoding": BROWSER_ACCEPT_ENCODING } },
        { name: "ours (identity)", headers: {} },
      ];
      const { rounds, durationSec } = context.options;
      const connections = Math.min(context.options.connections, BOOK_PAGE_CONNECTIONS);
      for (const tool of context.tools) {
        for (let round = 1; round <= rounds; round++) {
          for (const way of ways) {
            const cpuBefore = server.cpuMs();
            const result = await runLoad(
              tool,
              {
                url: server.url("/page.html"),
                connections,
                durationSec,
                pipelining: 1,
                headers: way.headers,
              },
              context.pin.load,
            );
            const cpuAfter = server.cpuMs();
            const serverCpuUsPerRequest =
              cpuBefore === undefined || cpuAfter === undefined || result.total === 0
                ? undefined
                : ((cpuAfter - cpuBefore) * 1000) / result.total;
            out.push({
              kind: "load",
              scenario: "book-page",
              server: way.name,
              tool: tool.name,
              round,
              result,
              peakRssBytes: server.rss(),
              serverCpuUsPerRequest,
            });
            context.log(
              `book-page ${tool.name} ${round}/${rounds} ${way.name}: ${Math.round(result.requestsPerSec)} req/s`,
            );
          }
        }
      }
    } catch (err) {
      out.push({ kind: "skipped", scenario: "book-page", server: "ours", reason: String(err) });
    } finally {
      await server?.stop();
      site.remove();
    }
    return out;
  },
};

export const STATIC_FILE_SCENARIOS: readonly Scenario[] = [staticSmall, staticLarge, bookPage];

/**
 * The baseline: node:http and fs.createReadStream, as most Node static
 * servers do it (send's core). Only GET of a regular file under the root;
 * enough for the bench, not a server to copy.
 */
async function serveNodeHttp(root: string, host: string, port: number): Promise<void> {
  const http = await import("node:http");
  const fs = await import("node:fs");
  const server = http.createServer((req, res) => {
    const file = path.join(root, path.basename(req.url ?? "/"));
    fs.stat(file, (err, stats) => {
      if (err || !stats.isFile()) {
        res.writeHead(404, { "content-length": "0" }).end();
        return;
      }
      res.writeHead(200, {
        "content-type": "text/plain; charset=utf-8",
        "content-length": String(stats.size),
      });
      fs.createReadStream(file).pipe(res);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(port, host, () => console.log(`node:http static peer on ${port}`));
  process.on("SIGTERM", () => process.exit(0));
}

/** The server side of this file: ours or the node:http peer. */
async function serve(): Promise<void> {
  const { values } = parseArgs({
    options: {
      serve: { type: "boolean" },
      peer: { type: "boolean" },
      "no-cache": { type: "boolean" },
      chunk: { type: "string" },
      root: { type: "string" },
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "0" },
    },
  });
  const root = values.root ?? ".";
  const port = Number(values.port);
  if (values.peer) return serveNodeHttp(root, values.host, port);
  const net = await import("node:net");
  const { http1ConnectionHandler } = await import("#ch03/serve-http1.ts");
  const { serveStatic } = await import("#ch06/serve-static.ts");
  const handler = serveStatic(root, {
    ...(values["no-cache"] ? { cache: false as const } : {}),
    ...(values.chunk ? { readChunkSize: Number(values.chunk) } : {}),
  });
  const server = net.createServer(http1ConnectionHandler(handler));
  server.listen(port, values.host, () => console.log(`static bench server on ${port}`));
  process.on("SIGTERM", () => process.exit(0));
}

if (process.argv.includes("--serve")) await serve();
