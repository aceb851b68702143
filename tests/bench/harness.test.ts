/**
 * The bench harness's pure parts: flags, medians and ratios, tables,
 * sample heads (tool-output.test.ts covers the load tools' reports). Speed is never asserted here; benchmarks
 * measure it (`npm run bench`). One cheap end-to-end run (`--quick --only
 * parser --json`) checks the harness produces the rows it promises.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { formatMarkdownTable, formatTable } from "../../tools/bench/format-table.ts";
import type { LoadResult, Measurement } from "../../tools/bench/measurement.ts";
import { median } from "../../tools/bench/measurement.ts";
import { DEFAULT_WARMUP_SEC, parseOptions } from "../../tools/bench/options.ts";
import { planPinning, pinned } from "../../tools/bench/pinning.ts";
import { checkHelloResponse } from "../../tools/bench/probe.ts";
import {
  childrenCpuMs,
  descendants,
  readCpuMs,
  readRss,
  readTreeCpuMs,
} from "../../tools/bench/server-process.ts";
import {
  type BenchReport,
  buildReport,
  type Environment,
  linearityLine,
  renderReport,
  targetLine,
} from "../../tools/bench/report.ts";
import { CHROME_HEAD, HUNDRED_FIELD_HEAD, paddedHead } from "../../tools/bench/sample-heads.ts";
import { MAX_CONNECTIONS_PER_ADDRESS } from "#ch10/connection-limiter.ts";
import {
  CLIENTS_PER_ADDRESS,
  clientAddress,
  fitConnections,
} from "../../tools/bench/scenarios/idle-memory.ts";
import { roundOrder } from "../../tools/bench/scenarios/alternating-rounds.ts";
import { judgeTargets, summarizeLoad } from "../../tools/bench/summary.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCENARIOS = ["keepalive", "pipeline", "parser", "memory"];

describe("flags", () => {
  test("defaults: 5 s runs, 3 rounds, 100 connections, pipelining 10, 10,000 idle", () => {
    const r = parseOptions([], {}, SCENARIOS);
    expect(r.ok && r.options).toMatchObject({
      durationSec: 5,
      rounds: 3,
      connections: 100,
      pipelining: 10,
      idleConnections: 10_000,
      only: [],
      servers: ["ours", "ours (chapter 03)", "node:http", "bare node:net"],
      pin: true,
      chapter: undefined, // ours is the assembled server, as npm start runs it
    });
  });

  test("--quick shortens runs to 1 s, one round, no warm-up", () => {
    const r = parseOptions(["--quick"], {}, SCENARIOS);
    expect(r.ok && r.options).toMatchObject({ durationSec: 1, rounds: 1, warmupSec: 0 });
  });

  test("--warmup sets the unmeasured load per server; the default is DEFAULT_WARMUP_SEC", () => {
    const r = parseOptions(["--warmup", "0.5"], {}, SCENARIOS);
    expect(r.ok && r.options.warmupSec).toBe(0.5);
    const d = parseOptions([], {}, SCENARIOS);
    expect(d.ok && d.options.warmupSec).toBe(DEFAULT_WARMUP_SEC);
  });

  test("--only takes a comma list of known scenarios", () => {
    const r = parseOptions(["--only", "parser,memory"], {}, SCENARIOS);
    expect(r.ok && r.options.only).toEqual(["parser", "memory"]);
  });

  test.each([
    [["--only", "tls"], /unknown "tls"/],
    [["--duration", "11"], /--duration must be seconds from 0.5 to 10/],
    [["--rounds", "1.5"], /--rounds must be a whole number/],
    [["--warmup", "11"], /--warmup must be seconds from 0 to 10/],
    [["--servers", "nginx"], /unknown "nginx"/],
    [["--frobnicate"], /Unknown option/],
  ])("rejects %j", (argv, message) => {
    const r = parseOptions(argv, {}, SCENARIOS);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(message);
  });

  test("--ours wins over HANDSHAKE_BENCH_OURS, which wins over the CLI", () => {
    const env = { HANDSHAKE_BENCH_OURS: "node env.js --port {port}" };
    const fromEnv = parseOptions([], env, SCENARIOS);
    const fromFlag = parseOptions(["--ours", "node flag.js"], env, SCENARIOS);
    expect(fromEnv.ok && fromEnv.options.oursCommand).toBe("node env.js --port {port}");
    expect(fromFlag.ok && fromFlag.options.oursCommand).toBe("node flag.js");
  });
});

const result = (requestsPerSec: number, p50 = 1): LoadResult => ({
  requestsPerSec,
  latencyP50Ms: p50,
  latencyP99Ms: p50 * 10,
  latencyMeanMs: p50,
  total: requestsPerSec,
  errors: 0,
  non2xx: 0,
});

const load = (server: string, round: number, rps: number, rss = 50 << 20): Measurement => ({
  kind: "load",
  scenario: "keepalive",
  server,
  tool: "autocannon",
  round,
  result: result(rps, round),
  peakRssBytes: rss,
  serverCpuUsPerRequest: 1e6 / rps,
});

describe("summary", () => {
  test("median of odd and even lists; undefined for none", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });

  test("A/B rounds summarize to medians; ratios against node:http round by round", () => {
    const ms = [
      load("ours", 1, 30_000),
      load("node:http", 1, 10_000),
      load("ours", 2, 90_000),
      load("node:http", 2, 20_000, 60 << 20),
      load("ours", 3, 40_000),
      load("node:http", 3, 15_000),
    ];
    const [ours, node] = summarizeLoad(ms);
    expect(ours).toMatchObject({ server: "ours", rounds: 3, requestsPerSec: 40_000 });
    // Per-round ratios 3, 4.5 and 2.67: their median, not 40k / 15k.
    expect(ours?.ratio).toBeCloseTo(3, 6);
    expect(node).toMatchObject({ ratio: 1, peakRssBytes: 60 << 20, latencyP50Ms: 2 });
    // CPU per request: ours median 25 µs, node:http median 66.7 µs.
    expect(ours?.serverCpuUsPerRequest).toBeCloseTo(25, 6);
    expect(ours?.cpuRatio).toBeCloseTo(3, 6);
  });

  test("no baseline run: no ratio, and the target counts as missed", () => {
    const summaries = summarizeLoad([load("ours", 1, 50_000)]);
    expect(summaries[0]?.ratio).toBeUndefined();
    const [verdict] = judgeTargets(summaries, [{ scenario: "keepalive", minRatio: 1.6 }]);
    expect(verdict).toMatchObject({ met: false, ratio: undefined });
  });

  test("targets: 1.6× is met at 1.6, missed at 1.59", () => {
    const at = (rps: number) =>
      judgeTargets(summarizeLoad([load("ours", 1, rps), load("node:http", 1, 10_000)]), [
        { scenario: "keepalive", minRatio: 1.6 },
      ])[0]?.met;
    expect(at(16_000)).toBe(true);
    expect(at(15_900)).toBe(false);
  });

  test("a miss says when the bare node:net ceiling itself was below the target", () => {
    const runs = [load("ours", 1, 14_000), load("node:http", 1, 10_000)];
    const judged = (bare: number) =>
      judgeTargets(summarizeLoad([...runs, load("bare node:net", 1, bare)]), [
        { scenario: "keepalive", minRatio: 1.6 },
      ])[0]!;
    const capped = judged(15_000);
    expect(capped).toMatchObject({ met: false, ceiling: 1.5 });
    expect(targetLine(capped)).toMatch(
      /NOT met; .* \(the bare node:net ceiling itself reached only 1\.50× with autocannon here\)$/,
    );
    expect(targetLine(judged(30_000))).not.toContain("ceiling");
  });

  test("a tool that runs bare node:net within 10% of node:http is load generator bound: not judged", () => {
    // autocannon on keep-alive: every server near its own ceiling of ~45k.
    const runs = [
      load("ours", 1, 10_200),
      load("ours (chapter 03)", 1, 10_300),
      load("node:http", 1, 10_000),
    ];
    const judged = (bare: number) =>
      judgeTargets(summarizeLoad([...runs, load("bare node:net", 1, bare)]), [
        { scenario: "keepalive", minRatio: 1.6 },
        { scenario: "keepalive", minRatio: 0.9, against: "ours (chapter 03)" },
      ]);
    const [bound, boundCore] = judged(10_500);
    expect(bound).toMatchObject({ judged: false, met: false });
    expect(boundCore).toMatchObject({ judged: false });
    expect(targetLine(bound!)).toMatch(
      /^keepalive \(autocannon\): ours 1\.02× node:http in req\/s, target ≥ 1\.6× not judged: autocannon is load generator bound here/,
    );
    expect(targetLine(bound!)).not.toContain("NOT met");
    expect(targetLine(boundCore!)).toContain("not judged");
    // At 1.10× the tool still tells the extremes apart: a miss is a miss.
    const [clear] = judged(11_000);
    expect(clear).toMatchObject({ judged: true, met: false });
    expect(targetLine(clear!)).toContain("target ≥ 1.6× NOT met");
    // Without a bare node:net run there is nothing to say it is bound.
    const [alone] = judgeTargets(summarizeLoad(runs), [{ scenario: "keepalive", minRatio: 1.6 }]);
    expect(alone).toMatchObject({ judged: true, met: false });
  });

  test("a target against chapter 03 divides the two rows' node:http ratios", () => {
    const core = "ours (chapter 03)";
    const judged = (ours: number) =>
      judgeTargets(
        summarizeLoad([load("ours", 1, ours), load(core, 1, 20_000), load("node:http", 1, 10_000)]),
        [{ scenario: "keepalive", minRatio: 0.9, against: core }],
      )[0]!;
    expect(judged(18_000)).toMatchObject({ met: true, against: core, ceiling: undefined });
    expect(judged(18_000).ratio).toBeCloseTo(0.9, 6);
    expect(judged(17_800).met).toBe(false);
    expect(targetLine(judged(17_800))).toMatch(/ours 0\.89× ours \(chapter 03\) in req\/s/);
  });

  test("with the rounds at hand, a target against chapter 03 pairs them round by round", () => {
    const core = "ours (chapter 03)";
    // Per round, ours ÷ chapter 03: 0.9, 1.5, 0.475 (median 0.9). The
    // medians of each row's node:http ratios give 1.9 ÷ 2 = 0.95 instead,
    // and the medians of CPU per request 20k ÷ 19k, taken from rounds 1
    // and 3: both rows' slow rounds, not one round.
    const ms = [
      load("ours", 1, 18_000),
      load(core, 1, 20_000),
      load("node:http", 1, 10_000),
      load("ours", 2, 30_000),
      load(core, 2, 20_000),
      load("node:http", 2, 10_000),
      load("ours", 3, 19_000),
      load(core, 3, 40_000),
      load("node:http", 3, 10_000),
    ];
    const target = [{ scenario: "keepalive", minRatio: 0.9, against: core }];
    const [paired] = judgeTargets(summarizeLoad(ms), target, ms);
    expect(paired?.ratio).toBeCloseTo(0.9, 6);
    expect(paired?.cpuRatio).toBeCloseTo(0.9, 6);
    const [medians] = judgeTargets(summarizeLoad(ms), target);
    expect(medians?.ratio).toBeCloseTo(0.95, 6);
    expect(medians?.cpuRatio).toBeCloseTo(0.95, 6);
  });

  test("a target against chapter 03 says what the load tool spent per request on each row", () => {
    const core = "ours (chapter 03)";
    const client = (m: Measurement, us: number): Measurement =>
      m.kind === "load" ? { ...m, clientCpuUsPerRequest: us } : m;
    const ms = [
      client(load("ours", 1, 18_000), 2.7),
      client(load(core, 1, 20_000), 2),
      load("node:http", 1, 10_000),
    ];
    const [verdict] = judgeTargets(
      summarizeLoad(ms),
      [{ scenario: "keepalive", minRatio: 0.9, against: core }],
      ms,
    );
    expect(verdict?.clientCpuUs).toEqual([2.7, 2]);
    expect(targetLine(verdict!)).toMatch(
      /\(autocannon spent 2\.7 µs per request on ours, 2\.0 µs on ours \(chapter 03\)\)$/,
    );
  });

  test("a load tool's CPU time is read from the bench's reaped children", async () => {
    const before = childrenCpuMs(process.pid);
    // A child that spins for 300 ms of CPU, then exits and is reaped.
    const spin = "const t = Date.now(); while (Date.now() - t < 300) {}";
    await new Promise((done) => spawn(process.execPath, ["-e", spin]).once("close", done));
    const after = childrenCpuMs(process.pid);
    expect(before).toBeDefined();
    expect((after ?? 0) - (before ?? 0)).toBeGreaterThanOrEqual(200);
  });

  test("each round starts one server later, so no server always runs first", () => {
    const servers = ["ours", "core", "node", "bare"];
    const orders = [1, 2, 3, 4, 5].map((round) => roundOrder(servers, round).join());
    expect(orders).toEqual([
      "ours,core,node,bare",
      "core,node,bare,ours",
      "node,bare,ours,core",
      "bare,ours,core,node",
      "ours,core,node,bare",
    ]);
    expect(roundOrder([], 3)).toEqual([]);
  });
});

describe("tables", () => {
  const table = {
    headers: ["server", "req/s"],
    align: ["left", "right"] as const,
    rows: [
      ["ours", "120,000"],
      ["node:http", "9"],
    ],
  };

  test("text: padded columns, numbers right-aligned, no trailing spaces", () => {
    expect(formatTable(table)).toBe(
      ["server       req/s", "---------  -------", "ours       120,000", "node:http        9"].join(
        "\n",
      ),
    );
  });

  test("markdown: a pipe table with a right-aligned rule", () => {
    expect(formatMarkdownTable(table).split("\n")).toEqual([
      "| server    |   req/s |",
      "| --------- | ------: |",
      "| ours      | 120,000 |",
      "| node:http |       9 |",
    ]);
  });
});

const ENV: Environment = {
  date: "2026-01-01T00:00:00.000Z",
  node: "v20.0.0",
  cpus: 2,
  cpuModel: "Test CPU",
  pinning: "taskset: server on CPU 0, load generator on CPU 1 (2 CPUs)",
  ours: "tsx: node --import tsx src/cli.ts",
  tools: ["autocannon"],
  durationSec: 5,
  rounds: 1,
  connections: 100,
  pipelining: 10,
  loadAverage: [0.1, 0.2],
};

describe("report", () => {
  const report: BenchReport = buildReport(
    ENV,
    [
      load("ours", 1, 32_000),
      load("node:http", 1, 10_000),
      {
        kind: "parser",
        scenario: "parser",
        subject: "browser head (Chrome)",
        headBytes: 618,
        bytesPerSec: 123.4e6,
        headsPerSec: 2e5,
      },
      {
        kind: "linearity",
        scenario: "parser",
        smallBytes: 4096,
        largeBytes: 8192,
        smallMs: 1,
        largeMs: 2.1,
        ratio: 2.1,
        scannedRatio: undefined,
      },
      {
        kind: "memory",
        scenario: "memory",
        server: "ours",
        connections: 9_990,
        attempted: 10_000,
        openMs: 2_345,
        rssBeforeBytes: 40 << 20,
        rssAfterBytes: 80 << 20,
        bytesPerConnection: 4194.304,
      },
      { kind: "skipped", scenario: "pipeline", server: "ours", reason: "expected 200\nmore" },
    ],
    [{ scenario: "keepalive", minRatio: 1.6 }],
  );
  const text = renderReport(report);

  test.each([
    [
      /^keepalive\s+autocannon\s+ours\s+32,000\s+1\.00 ms\s+10\.0 ms\s+50\.0 MiB\s+31 µs\s+3\.20×\s+3\.20×$/m,
    ],
    [/^keepalive\s+autocannon\s+node:http\s+10,000 .* 100 µs\s+1\.00×\s+1\.00×$/m],
    [
      /^keepalive \(autocannon\): ours 3\.20× node:http in req\/s, target ≥ 1\.6× met; 3\.20× by server CPU per request$/m,
    ],
    [/^browser head \(Chrome\)\s+618\s+123\.4 MB\/s\s+200,000$/m],
    [/ratio 2\.10 \(linear ≈ 2\): linear$/m],
    [/^ours\s+9,990\/10,000\s+2\.3 s\s+40\.0 MiB\s+80\.0 MiB\s+4\.1 KiB$/m],
    [/^skipped: pipeline \/ ours: expected 200$/m],
    [/^load average 0\.1 before, 0\.2 after on 2 CPUs$/m],
  ])("has the row %s", (row) => {
    expect(text).toMatch(row);
  });

  test("a byte-at-a-time ratio near 4 is flagged as superlinear", () => {
    const l = { ...report.linearity[0]!, largeMs: 4, ratio: 4 };
    expect(linearityLine(l)).toMatch(/SUPERLINEAR/);
  });

  test("bytes scanned, a count, outweighs a noisy time ratio", () => {
    const noisy = { ...report.linearity[0]!, largeMs: 4, ratio: 4 };
    expect(linearityLine({ ...noisy, scannedRatio: 2 })).toMatch(/scanned ratio 2\.00.*: linear$/);
    expect(linearityLine({ ...noisy, ratio: 2, scannedRatio: 4 })).toMatch(/SUPERLINEAR/);
  });

  test("errors and non-2xx answers are called out", () => {
    const bad = { ...report.load[0]!, errors: 2, non2xx: 7 };
    expect(renderReport({ ...report, load: [bad] })).toMatch(
      /^warning: keepalive autocannon ours: 2 socket errors\/timeouts, 7 non-2xx/m,
    );
    expect(text).not.toMatch(/^warning:/m);
  });

  test("--markdown: prose lines become a list, tables become pipe tables", () => {
    const md = renderReport(report, true);
    expect(md).toMatch(/^- pinning: taskset/m);
    expect(md).toMatch(/^\| keepalive \| autocannon \| ours {6}\| 32,000 \|/m);
    expect(md).toMatch(/^- skipped: pipeline \/ ours: expected 200$/m);
  });

  test("memory: a server that dropped idle connections gets no per-connection figure", () => {
    const dropped = { ...report.memory[0]!, connections: 2_447 };
    const out = renderReport({ ...report, memory: [dropped] });
    expect(out).toMatch(/^ours\s+2,447\/10,000\s+2\.3 s\s+40\.0 MiB\s+80\.0 MiB\s+—$/m);
    expect(out).toMatch(/^warning: memory ours: 7,553 of 10,000 idle connections were gone/m);
    expect(text).not.toMatch(/^warning: memory/m);
  });

  test("--render prints the tables of a saved --json report", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "bench-render-"));
    const file = path.join(dir, "report.json");
    writeFileSync(file, JSON.stringify(report));
    try {
      const run = spawnSync(
        process.execPath,
        ["--import", "tsx", "tools/bench/run.ts", "--render", file],
        { cwd: ROOT, encoding: "utf8", timeout: 20_000 },
      );
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toBe(text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 25_000);

  test("a busy machine is called out", () => {
    const busy = renderReport({ ...report, environment: { ...ENV, loadAverage: [3, 4] } });
    expect(busy).toMatch(/BUSY MACHINE/);
  });
});

describe("pinning and limits", () => {
  test("2 CPUs: server on 0, load on 1; 1 CPU or no taskset: unpinned", () => {
    expect(planPinning(2, true, true)).toMatchObject({ server: "0", load: "1" });
    expect(planPinning(8, true, true)).toMatchObject({ server: "0", load: "1-7" });
    expect(planPinning(1, true, true).server).toBeUndefined();
    expect(planPinning(2, false, true).note).toMatch(/no taskset/);
    expect(planPinning(2, true, false).note).toMatch(/--no-pin/);
    expect(pinned("0", ["node", "x.js"])).toEqual(["taskset", "-c", "0", "node", "x.js"]);
    expect(pinned(undefined, ["node"])).toEqual(["node"]);
  });

  test("idle connections scale down under a low ulimit -n, and say so", () => {
    expect(fitConnections(10_000, 20_000)).toEqual({ count: 10_000, note: undefined });
    const low = fitConnections(10_000, 1024);
    expect(low.count).toBe(1024 - 256);
    expect(low.note).toMatch(/ulimit -n is 1024/);
  });

  test("idle clients come from many loopback addresses, each under chapter 10's per-address cap", () => {
    expect(CLIENTS_PER_ADDRESS).toBeLessThan(MAX_CONNECTIONS_PER_ADDRESS);
    expect(clientAddress(0)).toBe("127.0.0.2");
    expect(clientAddress(CLIENTS_PER_ADDRESS - 1)).toBe("127.0.0.2");
    expect(clientAddress(CLIENTS_PER_ADDRESS)).toBe("127.0.0.3");
    expect(clientAddress(254 * CLIENTS_PER_ADDRESS)).toBe("127.0.1.0");
    const perAddress = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) {
      const a = clientAddress(i);
      perAddress.set(a, (perAddress.get(a) ?? 0) + 1);
    }
    expect(Math.max(...perAddress.values())).toBe(CLIENTS_PER_ADDRESS);
  });
});

test.skipIf(process.platform !== "linux")("reads RSS and CPU time from /proc", () => {
  const before = readCpuMs(process.pid)!;
  // Burn 50 ms of CPU (by CPU clock: wall time lies on a busy machine),
  // bounded by 5 s of wall time.
  const cpu = process.cpuUsage();
  const deadline = performance.now() + 5_000;
  while (process.cpuUsage(cpu).user < 50_000 && performance.now() < deadline);
  // /proc counts in clock ticks (10 ms), so allow one tick either way.
  expect(readCpuMs(process.pid)! - before).toBeGreaterThanOrEqual(30);
  expect(readRss(process.pid)).toBeGreaterThan(10 << 20);
  expect(readRss(2 ** 22 + 1)).toBeUndefined();
});

test.skipIf(process.platform !== "linux")(
  "a server's CPU includes the processes it forked (nginx's workers)",
  async () => {
    // A child that burns 80 ms of CPU, says so, and stays alive (bounded: 10 s).
    const burn =
      "const t=process.cpuUsage();while(process.cpuUsage(t).user<80000);" +
      "console.log('ready');setTimeout(()=>{},10000)";
    const child = spawn(process.execPath, ["-e", burn], { stdio: ["ignore", "pipe", "ignore"] });
    try {
      await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
      expect(descendants(process.pid)).toContain(child.pid);
      const own = readCpuMs(process.pid)!;
      // Ticks are 10 ms: 80 ms burnt shows as at least 60 more than our own.
      expect(readTreeCpuMs(process.pid)! - own).toBeGreaterThanOrEqual(60);
    } finally {
      child.kill("SIGKILL");
    }
  },
);

describe("probe and sample heads", () => {
  const ok = "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world";
  test.each([
    [ok, true],
    ["HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", false],
    ["HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", false],
    ["HTTP/1.1 200 OK\r\n", false],
  ])("checkHelloResponse(%j) ok=%s", (raw, expected) => {
    expect(checkHelloResponse(raw, "hello world").ok).toBe(expected);
  });

  test("heads end the field section with an empty line (RFC 9112 §2.1)", () => {
    for (const h of [CHROME_HEAD, HUNDRED_FIELD_HEAD, paddedHead(4096)]) {
      expect(h.subarray(-4).toString("latin1")).toBe("\r\n\r\n");
    }
  });

  test("the 100-header head has exactly 100 field lines", () => {
    const lines = HUNDRED_FIELD_HEAD.toString("latin1").split("\r\n").slice(1, -2);
    expect(lines).toHaveLength(100);
  });

  test.each([1024, 4096, 8192])("paddedHead(%d) is exactly that many bytes", (size) => {
    expect(paddedHead(size).length).toBe(size);
  });
});

const parserReady = existsSync(
  path.join(ROOT, "solutions", "02-request-parser", "request-head-parser.ts"),
);

test.skipIf(!parserReady)(
  "end to end: --quick --only parser --json gives both heads and linearity",
  () => {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "tools/bench/run.ts", "--quick", "--only", "parser", "--json"],
      { cwd: ROOT, encoding: "utf8", timeout: 30_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as BenchReport;
    expect(report.skipped).toEqual([]);
    const ours = report.parser.filter((p) => !p.subject.includes("llhttp"));
    expect(ours.map((p) => p.subject)).toEqual(["browser head (Chrome)", "100 header fields"]);
    expect(report.parser.every((p) => p.bytesPerSec > 0)).toBe(true);
    expect(report.linearity).toHaveLength(1);
    expect(report.linearity[0]?.ratio).toBeGreaterThan(0);
    expect(report.load).toEqual([]);
  },
  40_000,
);
