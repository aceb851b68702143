/**
 * The HTTP/2 scenarios' pieces that need no server: h2load speaks HTTP/2
 * (no --h1) with the issue's load shape, both scenarios are registered
 * with their 2× target, and node:http2 is the baseline their ratios are
 * taken against.
 */
import { describe, expect, test } from "vitest";
import type { Measurement } from "../../tools/bench/measurement.ts";
import { SCENARIOS } from "../../tools/bench/scenarios/index.ts";
import {
  H2_CONNECTIONS,
  H2_STREAMS,
  HTTP2_SCENARIOS,
  h2loadH2,
} from "../../tools/bench/scenarios/http2.ts";
import { judgeTargets, summarizeLoad } from "../../tools/bench/summary.ts";

const load = (scenario: string, server: string, round: number, rps: number): Measurement => ({
  kind: "load",
  scenario,
  server,
  tool: h2loadH2.name,
  round,
  result: {
    requestsPerSec: rps,
    latencyP50Ms: undefined,
    latencyP99Ms: undefined,
    latencyMeanMs: 1,
    total: rps,
    errors: 0,
    non2xx: 0,
  },
  peakRssBytes: 100 << 20,
  serverCpuUsPerRequest: 1e6 / rps,
});

describe("HTTP/2 bench scenarios", () => {
  test("h2load runs HTTP/2 (no --h1): 10 clients, 100 streams each, one thread", () => {
    const argv = h2loadH2.command({
      url: "http://127.0.0.1:1/hello",
      connections: H2_CONNECTIONS,
      pipelining: H2_STREAMS,
      durationSec: 5,
    });
    expect(argv).not.toContain("--h1");
    expect(argv.join(" ")).toContain("--threads 1 --clients 10 --max-concurrent-streams 100");
    expect(argv.at(-1)).toBe("http://127.0.0.1:1/hello");
  });

  test("h2c and h2-tls are registered, each aiming at 2× node:http2", () => {
    const names = SCENARIOS.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["h2c", "h2-tls"]));
    for (const s of HTTP2_SCENARIOS) expect(s.targets).toEqual([{ scenario: s.name, minRatio: 2 }]);
  });

  test("ratios are taken against node:http2, round by round", () => {
    const summaries = summarizeLoad([
      load("h2c", "ours", 1, 30_000),
      load("h2c", "node:http2", 1, 10_000),
      load("h2c", "ours", 2, 20_000),
      load("h2c", "node:http2", 2, 10_000),
    ]);
    const ours = summaries.find((s) => s.server === "ours");
    expect(ours?.ratio).toBeCloseTo(2.5, 6);
    const [verdict] = judgeTargets(summaries, [{ scenario: "h2c", minRatio: 2 }]);
    expect(verdict).toMatchObject({ met: true });
  });
});
