/**
 * curl (libcurl + nghttp2) against chapter 13's server: h2c with prior
 * knowledge on the plain port, h2 by ALPN on the TLS port, a large
 * download, an upload, and HTTP/1.1 still answering on both.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BIG_NAME, bigBytes, type H2Server, startH2Server } from "../server.ts";
import { CURL, CURL_H2_MISSING, run } from "./tools.ts";

let server: H2Server;
beforeAll(async () => {
  server = await startH2Server();
});
afterAll(() => server?.close());

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
/** curl's own report of the protocol version it used, after the body. */
const VERSION = ["-w", "\\n%{http_version}"];

describe.skipIf(CURL_H2_MISSING)("curl", () => {
  test("--http2-prior-knowledge: h2c on the plain port", async () => {
    const r = await run(CURL, ["-s", "--http2-prior-knowledge", ...VERSION, `${server.url}/hello`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("hello world\n2");
  });

  test("--http2 over TLS: ALPN picks h2", async () => {
    const args = ["-s", "--http2", "--cacert", server.caPath, ...VERSION, `${server.tlsUrl}/hello`];
    const r = await run(CURL, args);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("hello world\n2");
  });

  test("--http1.1 over TLS: ALPN falls back to http/1.1", async () => {
    const args = [
      "-s",
      "--http1.1",
      "--cacert",
      server.caPath,
      ...VERSION,
      `${server.tlsUrl}/hello`,
    ];
    const r = await run(CURL, args);
    expect(r.stdout).toBe("hello world\n1.1");
  });

  test("a plain HTTP/1.1 request on the h2c port is still HTTP/1.1", async () => {
    const r = await run(CURL, ["-s", ...VERSION, `${server.url}/hello`]);
    expect(r.stdout).toBe("hello world\n1.1");
  });

  test("a 1 MiB download over h2 arrives byte for byte", async () => {
    const out = path.join(server.staticRoot, "..", `curl-${process.pid}.bin`);
    const args = [
      "-s",
      "--http2",
      "--cacert",
      server.caPath,
      "-o",
      out,
      `${server.tlsUrl}/${BIG_NAME}`,
    ];
    const r = await run(CURL, args);
    expect(r.code).toBe(0);
    expect(sha(readFileSync(out))).toBe(sha(bigBytes()));
  });

  test("an upload (POST with a body) over h2c is echoed", async () => {
    const body = "x".repeat(100_000);
    const args = ["-s", "--http2-prior-knowledge", "--data-binary", "@-", `${server.url}/echo`];
    const r = await run(CURL, args, body);
    expect(r.code).toBe(0);
    const echoed = JSON.parse(r.stdout) as { method: string; body: string; version: string };
    expect(echoed.method).toBe("POST");
    expect(echoed.body).toBe(body);
    expect(echoed.version).toBe("HTTP/2");
  });
});
