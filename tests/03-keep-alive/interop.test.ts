/**
 * Real peers over loopback: curl reuses the connection, undici pipelines
 * through it, autocannon hammers it. Plus the chapter's transcript.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { Pool } from "undici";
import { afterEach, describe, expect, test } from "vitest";
import { demoRoutes } from "#ch03/demo-routes.ts";
import { orStub } from "#testing/stub-tripwire.ts";
import { replayTranscript } from "#testing/transcript.ts";
import { expectTrue } from "#testing/wire.ts";
import { closeAll, startServer } from "./server.ts";

afterEach(closeAll);

const CURL = "/usr/bin/curl";
const hasCurl = existsSync(CURL);
/** Said in the title only when curl is missing (and the test skips). */
const missing = hasCurl ? "" : " (SKIPPED: curl missing, install curl)";

/** curl's answer; an unwritten exercise in the server ends the wait at once. */
function run(file: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  let child: ReturnType<typeof execFile> | undefined;
  const done = new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
    child = execFile(file, args, { timeout: 5000 }, (error, stdout, stderr) => {
      if (error) reject(error);
      else resolve({ stdout, stderr });
    });
  });
  return orStub(done, () => child?.kill());
}

describe("curl", () => {
  test.skipIf(!hasCurl)(
    `curl -sv twice in one command reuses the connection${missing}`,
    async () => {
      const server = await startServer(demoRoutes);
      const url = `http://127.0.0.1:${server.port}/hello`;
      const { stdout, stderr } = await run(CURL, ["-sv", url, url]);
      expect(stdout).toBe("hello worldhello world");
      expectTrue(
        /Re-using existing connection/i.test(stderr) && server.connections() === 1,
        `curl opened ${server.connections()} connections for two requests`,
        {
          rule: "RFC 9112 §9.3: HTTP/1.1 connections persist unless either side says close",
          book: "chapters/03-keep-alive.md#persistent-connections",
          curl: `curl -sv ${url} ${url}`,
        },
      );
      expect(stderr).toMatch(/left intact/);
    },
  );

  test.skipIf(!hasCurl)(`curl --http1.0 gets Connection: close${missing}`, async () => {
    const server = await startServer(demoRoutes);
    const { stderr } = await run(CURL, [
      "-sv",
      "--http1.0",
      `http://127.0.0.1:${server.port}/hello`,
    ]);
    expect(stderr).toMatch(/< connection: close/i);
  });

  test.skipIf(!hasCurl)(`curl -I (HEAD) gets the GET headers and no body${missing}`, async () => {
    const server = await startServer(demoRoutes);
    const { stdout } = await run(CURL, ["-sI", `http://127.0.0.1:${server.port}/hello`]);
    expect(stdout).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(stdout).toMatch(/content-length: 11\r\n/i);
  });
});

describe("undici", () => {
  test("Pool with pipelining: 10 answers 50 requests over one connection, in order", async () => {
    const server = await startServer(demoRoutes);
    const pool = new Pool(`http://127.0.0.1:${server.port}`, { connections: 1, pipelining: 10 });
    try {
      const bodies = await orStub(
        Promise.all(
          Array.from({ length: 50 }, async (_, i) => {
            const res = await pool.request({ path: `/echo/${i}`, method: "GET" });
            const json = (await res.body.json()) as { target: string };
            return json.target;
          }),
        ),
        () => void pool.destroy().catch(() => {}),
      );
      expect(bodies).toEqual(Array.from({ length: 50 }, (_, i) => `/echo/${i}`));
      expect(server.connections()).toBe(1);
    } finally {
      await pool.close().catch(() => {});
    }
  });

  test("fetch: keep-alive across requests", async () => {
    const server = await startServer(demoRoutes);
    const stop = new AbortController();
    const get = (path: string) =>
      orStub(fetch(`http://127.0.0.1:${server.port}${path}`, { signal: stop.signal }), () =>
        stop.abort(),
      );
    for (let i = 0; i < 3; i++) {
      const res = await get("/hello");
      expect(await res.text()).toBe("hello world");
    }
    const missing = await get("/nope");
    expect(missing.status).toBe(404);
    await missing.text();
  });
});

describe("autocannon", () => {
  test("a short pipelined run: every response 2xx, no errors", async () => {
    const server = await startServer(demoRoutes);
    const result = await autocannon({
      url: `http://127.0.0.1:${server.port}/hello`,
      connections: 4,
      pipelining: 4,
      duration: 1,
    });
    expect(result["2xx"]).toBeGreaterThan(100);
    expect(result.non2xx).toBe(0);
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
  });
});

describe("transcript", () => {
  test("tests/03-keep-alive/transcript.txt replays byte for byte", async () => {
    const server = await startServer(demoRoutes);
    const file = fileURLToPath(new URL("./transcript.txt", import.meta.url));
    await replayTranscript(file, server.port, {
      rule: "RFC 9112 §9.3: keep-alive by default, close after Connection: close",
      book: "chapters/03-keep-alive.md#a-transcript",
    });
  });
});
