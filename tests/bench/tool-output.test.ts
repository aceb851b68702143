/**
 * Reading what the load generators print. The samples are real output of
 * autocannon 8, wrk 4.1 and h2load 1.52 on loopback, trimmed, with error
 * counts edited in so every field is exercised.
 */
import { describe, expect, test } from "vitest";
import { parseAutocannon } from "../../tools/bench/load-tools/autocannon.ts";
import { parseH2load } from "../../tools/bench/load-tools/h2load.ts";
import { parseWrk, wrkDurationMs } from "../../tools/bench/load-tools/wrk.ts";
import type { LoadResult } from "../../tools/bench/measurement.ts";

const AUTOCANNON_JSON = JSON.stringify({
  url: "http://127.0.0.1:39111/hello",
  connections: 10,
  pipelining: 1,
  duration: 1.02,
  errors: 1,
  timeouts: 2,
  non2xx: 3,
  latency: { average: 0.04, mean: 0.04, p50: 0, p99: 1, max: 21 },
  requests: { average: 39120, mean: 39120, total: 39128, sent: 39138 },
});

const WRK_TEXT = `Running 1s test @ http://127.0.0.1:39112/hello
  1 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   253.73us  414.27us   8.73ms   95.92%
    Req/Sec    50.50k    14.35k   61.74k    90.91%
  Latency Distribution
     50%  147.00us
     75%  249.00us
     90%  382.00us
     99%    2.25ms
  55058 requests in 1.10s, 5.93MB read
  Socket errors: connect 0, read 2, write 0, timeout 5
  Non-2xx or 3xx responses: 4
Requests/sec:  50042.81
Transfer/sec:      5.39MB
`;

const H2LOAD_TEXT = `finished in 1.00s, 305420.00 req/s, 32.91MB/s
requests: 305420 total, 305520 started, 305420 done, 305410 succeeded, 10 failed, 1 errored, 2 timeout
status codes: 305410 2xx, 0 3xx, 10 4xx, 0 5xx
traffic: 32.91MB (34512460) total, 20.69MB (21691210) headers (space savings 0.00%), 3.20MB (3360610) data
                     min         max         mean         sd        +/- sd
time for request:       70us      5.71ms       327us       200us    92.59%
`;

describe("load tool output", () => {
  test("autocannon: req/s is total / duration; errors include timeouts", () => {
    const r = parseAutocannon(`some banner\n${AUTOCANNON_JSON}`);
    expect(r.requestsPerSec).toBeCloseTo(39128 / 1.02, 3);
    expect(r).toMatchObject({ latencyP50Ms: 0, latencyP99Ms: 1, errors: 3, non2xx: 3 });
  });

  test("wrk: percentiles converted to ms, socket errors summed", () => {
    expect(parseWrk(WRK_TEXT)).toEqual({
      requestsPerSec: 50042.81,
      latencyP50Ms: 0.147,
      latencyP99Ms: 2.25,
      latencyMeanMs: 0.25373,
      total: 55058,
      errors: 7,
      non2xx: 4,
    } satisfies LoadResult);
  });

  test("wrk: a p99 below the median (wrk's 0.00us under pipelining) is no figure", () => {
    const broken = WRK_TEXT.replace(/99%\s+2\.25ms/, "99%    0.00us");
    expect(broken).not.toBe(WRK_TEXT);
    expect(parseWrk(broken)).toMatchObject({ latencyP50Ms: 0.147, latencyP99Ms: undefined });
  });

  test.each([
    ["147.00us", 0.147],
    ["2.25ms", 2.25],
    ["1.50s", 1500],
    ["1.00m", 60_000],
  ])("wrk duration %s is %d ms", (text, ms) => {
    expect(wrkDurationMs(text)).toBeCloseTo(ms, 6);
  });

  test("h2load: no percentiles, mean request time, 4xx/5xx counted", () => {
    expect(parseH2load(H2LOAD_TEXT)).toEqual({
      requestsPerSec: 305420,
      latencyP50Ms: undefined,
      latencyP99Ms: undefined,
      latencyMeanMs: 0.327,
      total: 305410,
      errors: 3,
      non2xx: 10,
    } satisfies LoadResult);
  });

  test.each([
    ["autocannon", () => parseAutocannon('{"nope":1}')],
    ["wrk", () => parseWrk("wrk: connection refused")],
    ["h2load", () => parseH2load("couldn't connect")],
  ])("%s: unreadable output is an error, not zeros", (_, parse) => {
    expect(parse).toThrow();
  });
});
