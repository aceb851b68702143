/**
 * Operator settings reach the assembled server: what the CLI reads
 * (tests/course/cli.test.ts) changes what the server does.
 */
import { afterEach, describe, expect, test } from "vitest";
import { exchange } from "#testing/raw-client.ts";
import { type RunningServer, startServer } from "../../src/server.ts";
import { findRepoRoot } from "../../tools/course/repo-root.ts";

const REPO_ROOT = findRepoRoot(import.meta.url);

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function post(port: number, body: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/echo`, { method: "POST", body });
  await response.arrayBuffer();
  return response.status;
}

describe("settings.limits.maxBodyBytes (--max-body-bytes)", () => {
  test("a body one byte over the limit is refused with 413, one at the limit is echoed", async () => {
    server = await startServer({
      host: "127.0.0.1",
      port: 0,
      root: REPO_ROOT,
      chapter: 4,
      limits: { maxBodyBytes: 10 },
    });
    expect(await post(server.port, "x".repeat(10))).toBe(200);
    expect(await post(server.port, "x".repeat(11))).toBe(413);
  });
});

describe("settings.limits: timeouts every protocol applies", () => {
  test("idleTimeoutMs closes an idle keep-alive connection; headersTimeoutMs answers a slow head with 408", async () => {
    server = await startServer({
      host: "127.0.0.1",
      port: 0,
      root: REPO_ROOT,
      chapter: 3,
      limits: { idleTimeoutMs: 150, headersTimeoutMs: 150 },
    });
    const idle = await exchange(server.port, "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n", {
      timeoutMs: 5000,
    });
    expect(idle.closedByServer).toBe(true);
    expect(idle.received.toString("latin1")).toMatch(/^HTTP\/1\.1 200 OK/);
    const slow = await exchange(server.port, "GET /hello HTTP/1.1\r\n", { timeoutMs: 5000 });
    expect(slow.closedByServer).toBe(true);
    expect(slow.received.toString("latin1")).toMatch(/^HTTP\/1\.1 408 /);
  });
});

/** POSTs `size` bytes to /echo asking for gzip; the response's coding and length. */
async function echoGzip(port: number, size: number): Promise<{ coding: string; length: number }> {
  const body = "a".repeat(size);
  const sent = `POST /echo HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\nContent-Length: ${size}\r\nConnection: close\r\n\r\n${body}`;
  const r = await exchange(port, sent, { timeoutMs: 5000 });
  const text = r.received.toString("latin1");
  const head = text.slice(0, text.indexOf("\r\n\r\n")).toLowerCase();
  const coding = /\r\ncontent-encoding: (\S+)/.exec(head)?.[1] ?? "identity";
  return { coding, length: r.received.length - head.length - 4 };
}

describe("settings.compression (--gzip-level, --compress-min-bytes)", () => {
  test("a higher threshold leaves a 3 KB body alone; the default compresses it", async () => {
    const settings = { host: "127.0.0.1", port: 0, root: REPO_ROOT, chapter: 8 };
    server = await startServer(settings);
    expect((await echoGzip(server.port, 3000)).coding).toBe("gzip");
    await server.close();
    server = await startServer({ ...settings, compression: { threshold: 10_000 } });
    expect((await echoGzip(server.port, 3000)).coding).toBe("identity");
  });

  test("gzip level 0 stores (the body grows), the default level shrinks it", async () => {
    const settings = { host: "127.0.0.1", port: 0, root: REPO_ROOT, chapter: 8 };
    server = await startServer(settings);
    const normal = await echoGzip(server.port, 20_000);
    await server.close();
    server = await startServer({ ...settings, compression: { levels: { gzip: 0 } } });
    const stored = await echoGzip(server.port, 20_000);
    expect(normal.coding).toBe("gzip");
    expect(stored.coding).toBe("gzip");
    expect(normal.length).toBeLessThan(2_000);
    expect(stored.length).toBeGreaterThan(20_000);
  });
});
