/**
 * Compression: what on-the-fly br and gzip cost per request, ours against
 * node:http piping the same text through zlib.
 *
 * - compress-gzip, compress-br: GET a 100 KiB HTML page (a slice of the
 *   built book, or generated text when the book is not built) with
 *   `Accept-Encoding: gzip` or `br`, from 50 closed-loop clients, each
 *   request on its own connection (`Connection: close`), because until
 *   chapter 04 our streamed responses end by closing. The node:http peer
 *   answers the same way, so both pay the same connection setup.
 *   The load client is in this file (autocannon cannot send
 *   Accept-Encoding through the harness's LoadRun), and checks that every
 *   answer is a 200 with the right Content-Encoding.
 *
 * It is also a small tool for the chapter's table of ratios and speeds:
 *
 *   node --import tsx tools/bench/scenarios/compression.ts --codings [FILE]
 *
 * and the servers' entry point:
 *
 *   node --import tsx tools/bench/scenarios/compression.ts \
 *     --serve ours|node --port P
 */
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import type { LoadResult, Measurement } from "../measurement.ts";
import type { ProbeResult } from "../probe.ts";
import type { ServerProcess, ServerSpec } from "../server-process.ts";
import { ROOT } from "../servers.ts";
import type { BenchContext, Scenario } from "./scenario.ts";
import { startServers } from "./start-servers.ts";

const SELF = fileURLToPath(import.meta.url);

/** The page every server sends: 100 KiB, as the chapter's brief asks. */
export const PAGE_BYTES = 100 * 1024;

/** Concurrent clients of the closed-loop load. */
const CLIENTS = 50;

/** Bound on one request, so a stuck server fails the run, not hangs it. */
const REQUEST_TIMEOUT_MS = 5_000;

/** A chapter of the built book if there is one, else repetitive HTML. */
export function benchPage(file?: string): Buffer {
  const book = path.join(ROOT, "book/.vitepress/dist/chapters/03-keep-alive.html");
  const source = file ?? (existsSync(book) ? book : undefined);
  if (source !== undefined) return readFileSync(source).subarray(0, file ? undefined : PAGE_BYTES);
  const line = (i: number) =>
    `<p class="note">Paragraph ${i}: the fastest byte is the one not sent.</p>\n`;
  let html = "";
  for (let i = 0; html.length < PAGE_BYTES; i++) html += line(i);
  return Buffer.from(html.slice(0, PAGE_BYTES));
}

type Coding = "gzip" | "br";

/** One request on a fresh connection; resolves with the status line's code and coding. */
function requestOnce(port: number, coding: Coding): Promise<{ status: number; coding: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    let head = "";
    const timer = setTimeout(
      () => socket.destroy(new Error("request timed out")),
      REQUEST_TIMEOUT_MS,
    );
    socket.on("connect", () =>
      socket.write(
        `GET /page.html HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: ${coding}\r\nConnection: close\r\n\r\n`,
      ),
    );
    socket.on("data", (d: Buffer) => {
      if (head.length < 2048) head += d.toString("latin1");
    });
    socket.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on("close", () => {
      clearTimeout(timer);
      const status = Number(head.slice(9, 12));
      resolve({ status, coding: /\r\ncontent-encoding: *(\S+)/i.exec(head)?.[1] ?? "identity" });
    });
  });
}

/** Closed loop: every client sends its next request when the last ends. */
async function load(port: number, coding: Coding, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const end = performance.now() + seconds * 1000;
  const client = async () => {
    while (performance.now() < end) {
      const start = performance.now();
      try {
        const r = await requestOnce(port, coding);
        if (r.status !== 200 || r.coding !== coding) non2xx++;
        else latencies.push(performance.now() - start);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return {
    requestsPerSec: latencies.length / seconds,
    latencyP50Ms: at(0.5),
    latencyP99Ms: at(0.99),
    latencyMeanMs: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    total: latencies.length,
    errors,
    non2xx,
  };
}

const spec = (name: string, who: "ours" | "node"): ServerSpec => ({
  name,
  argv: [
    process.execPath,
    "--import",
    "tsx",
    SELF,
    "--serve",
    who,
    "--host",
    "{host}",
    "--port",
    "{port}",
  ],
  cwd: ROOT,
});

async function probe(server: ServerProcess, coding: Coding): Promise<ProbeResult> {
  const r = await requestOnce(server.port, coding).catch((e: Error) => ({
    status: 0,
    coding: e.message,
  }));
  if (r.status === 200 && r.coding === coding) return { ok: true };
  return { ok: false, reason: `expected 200 with ${coding}, got ${r.status} ${r.coding}` };
}

function compressionScenario(coding: Coding): Scenario {
  const name = `compress-${coding}`;
  return {
    name,
    description: `GET a 100 KiB page with Accept-Encoding: ${coding}, new connection each: ours vs node:http + zlib`,
    async run(context: BenchContext) {
      const specs = [spec("ours", "ours"), spec("node:http + zlib", "node")];
      const { servers, skipped } = await startServers(context, name, specs, (s) =>
        probe(s, coding),
      );
      const out: Measurement[] = [...skipped];
      try {
        const { rounds, durationSec, warmupSec } = context.options;
        for (const s of servers) if (warmupSec > 0) await load(s.port, coding, warmupSec);
        for (let round = 1; round <= rounds; round++) {
          for (const s of servers) {
            const result = await load(s.port, coding, durationSec);
            out.push({
              kind: "load",
              scenario: name,
              server: s.name,
              tool: "closed-loop",
              round,
              result,
              peakRssBytes: s.rss(),
            });
            context.log(
              `${name} ${round}/${rounds} ${s.name}: ${Math.round(result.requestsPerSec)} req/s`,
            );
          }
        }
      } finally {
        await Promise.all(servers.map((s) => s.stop()));
      }
      return out;
    },
  };
}

export const COMPRESSION_SCENARIOS: readonly Scenario[] = [
  compressionScenario("gzip"),
  compressionScenario("br"),
];

/** Ratio and speed of each coding and level on one page: the chapter's table. */
function codingsTable(file: string | undefined): void {
  const page = benchPage(file);
  const rows: [string, (b: Buffer) => Buffer][] = [
    ...[1, 6, 9].map((l): [string, (b: Buffer) => Buffer] => [
      `gzip -${l}`,
      (b) => zlib.gzipSync(b, { level: l }),
    ]),
    ...[1, 4, 6, 9, 11].map((q): [string, (b: Buffer) => Buffer] => [
      `br q${q}`,
      (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: q } }),
    ]),
  ];
  console.log(`page: ${page.length} bytes`);
  console.log("| coding | bytes | ratio | compress MB/s | ms per page |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const [label, fn] of rows) {
    const size = fn(page).length;
    // The fastest of several runs: on a shared machine, the least disturbed.
    let ms = Number.POSITIVE_INFINITY;
    const until = performance.now() + 1000;
    for (let i = 0; i < 5 || (i < 200 && performance.now() < until); i++) {
      const t = performance.now();
      fn(page);
      ms = Math.min(ms, performance.now() - t);
    }
    const mbs = page.length / 1e6 / (ms / 1000);
    console.log(
      `| ${label} | ${size} | ${(page.length / size).toFixed(1)}× | ${mbs.toFixed(1)} | ${ms.toFixed(2)} |`,
    );
  }
}

/** The servers: ours (chapter 03 + this chapter's middleware) or node:http. */
async function serve(who: string, host: string, port: number): Promise<void> {
  const page = benchPage();
  if (who === "node") {
    const http = await import("node:http");
    const server = http.createServer((req, res) => {
      const accepted = req.headers["accept-encoding"] ?? "";
      const coding = /\bbr\b/.test(accepted) ? "br" : "gzip";
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "content-encoding": coding,
        vary: "Accept-Encoding",
      });
      const encoder =
        coding === "br"
          ? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } })
          : zlib.createGzip({ level: 6 });
      encoder.pipe(res);
      encoder.end(page);
    });
    server.listen(port, host, () => console.log(`node:http + zlib on ${port}`));
  } else {
    const { http1ConnectionHandler } = await import("#ch03/serve-http1.ts");
    const { compression } = await import("#ch08/compression.ts");
    const handler = compression()(() => ({
      status: 200,
      headers: [["content-type", "text/html; charset=utf-8"]],
      body: page,
    }));
    const server = net.createServer(http1ConnectionHandler(handler));
    server.listen(port, host, () => console.log(`compression bench server on ${port}`));
  }
  process.on("SIGTERM", () => process.exit(0));
}

if (process.argv.includes("--serve") || process.argv.includes("--codings")) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      serve: { type: "string" },
      codings: { type: "boolean" },
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "0" },
    },
  });
  if (values.codings) codingsTable(positionals[0]);
  else await serve(values.serve ?? "ours", values.host, Number(values.port));
}
