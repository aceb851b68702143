/**
 * h2load (nghttp2's load generator), short and bounded: 2,000 requests
 * on 4 connections, 10 streams in flight on each. Not a benchmark
 * (tools/bench times it): a check that nothing fails under concurrency.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type H2Server, startH2Server } from "../server.ts";
import { H2LOAD, H2LOAD_MISSING, run } from "./tools.ts";

let server: H2Server;
beforeAll(async () => {
  server = await startH2Server();
});
afterAll(() => server?.close());

function summary(stdout: string) {
  const m =
    /requests: (\d+) total, \d+ started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored/.exec(
      stdout,
    );
  const codes = /status codes: (\d+) 2xx/.exec(stdout);
  return {
    done: Number(m?.[2]),
    succeeded: Number(m?.[3]),
    failed: Number(m?.[4]),
    errored: Number(m?.[5]),
    ok2xx: Number(codes?.[1]),
  };
}

describe.skipIf(H2LOAD_MISSING)("h2load", () => {
  for (const [name, url] of [
    ["h2c", () => `${server.url}/hello`],
    ["h2 over TLS", () => `https://127.0.0.1:${server.tlsPort}/hello`],
  ] as const) {
    test(`${name}: -n 2000 -c 4 -m 10, none failed or errored`, async () => {
      const r = await run(H2LOAD, ["-n", "2000", "-c", "4", "-m", "10", url()]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Application protocol: h2c?\b/);
      expect(summary(r.stdout)).toEqual({
        done: 2000,
        succeeded: 2000,
        failed: 0,
        errored: 0,
        ok2xx: 2000,
      });
    });
  }
});
