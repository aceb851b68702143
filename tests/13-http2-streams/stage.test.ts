/**
 * The assembled server as of chapter 13: h2c with prior knowledge on the
 * plain port (curl, node:http2 as a client), HTTP/1.1 still on the same
 * port, and the same answers over both.
 */
import { execFile } from "node:child_process";
import http2 from "node:http2";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startChapter13 } from "./server.ts";

const run = promisify(execFile);
let server: { port: number; close(): Promise<void> };

beforeAll(async () => {
  server = await startChapter13();
});
afterAll(async () => {
  await server.close();
});

async function hasCurl(): Promise<boolean> {
  try {
    await run("curl", ["--version"]);
    return true;
  } catch {
    return false;
  }
}

describe("chapter 13's server", () => {
  test("curl --http2-prior-knowledge: GET, HEAD and POST over h2c", async (ctx) => {
    if (!(await hasCurl())) {
      console.warn("SKIPPED: curl is not installed");
      ctx.skip();
    }
    const base = `http://127.0.0.1:${server.port}`;
    const get = await run("curl", [
      "-sS",
      "--http2-prior-knowledge",
      "-w",
      "\\n%{http_version} %{http_code}",
      `${base}/hello`,
    ]);
    expect(get.stdout).toBe("hello world\n2 200");
    const head = await run("curl", ["-sS", "-I", "--http2-prior-knowledge", `${base}/hello`]);
    expect(head.stdout).toMatch(/^HTTP\/2 200 ?\r\n/);
    expect(head.stdout).toMatch(/content-length: 11\r\n/);
    const post = await run("curl", [
      "-sS",
      "--http2-prior-knowledge",
      "--data-binary",
      "abc",
      `${base}/echo`,
    ]);
    expect(JSON.parse(post.stdout)).toMatchObject({
      method: "POST",
      version: "HTTP/2",
      body: "abc",
    });
    // HTTP/1.1 still answers on the same port: the preface decides.
    const h1 = await run("curl", ["-sS", "--http1.1", "-w", " %{http_version}", `${base}/hello`]);
    expect(h1.stdout).toBe("hello world 1.1");
  });

  test("Upgrade: h2c is ignored: the request is answered over HTTP/1.1 (RFC 9113 §3.1)", async (ctx) => {
    if (!(await hasCurl())) {
      console.warn("SKIPPED: curl is not installed");
      ctx.skip();
    }
    // Without prior knowledge, curl --http2 asks to upgrade a plain request.
    const url = `http://127.0.0.1:${server.port}/hello`;
    const r = await run("curl", ["-sSv", "--http2", "-w", " %{http_version}", url]);
    expect(r.stderr).toMatch(/^> Upgrade: h2c\r?$/m);
    expect(r.stderr).toMatch(/^< HTTP\/1\.1 200 OK/m);
    expect(r.stdout).toBe("hello world 1.1");
  });

  test("node:http2 as a client: ten requests on one connection", async () => {
    const session = http2.connect(`http://127.0.0.1:${server.port}`);
    try {
      const one = (path: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = session.request({ ":path": path });
          let status = 0;
          let body = "";
          req.on("response", (headers) => (status = Number(headers[":status"])));
          req.setEncoding("utf8");
          req.on("data", (chunk: string) => (body += chunk));
          req.on("end", () => resolve({ status, body }));
          req.on("error", reject);
          req.end();
        });
      const answers = await Promise.all(Array.from({ length: 10 }, () => one("/hello")));
      for (const answer of answers) expect(answer).toEqual({ status: 200, body: "hello world" });
      expect((await one("/no-such-route")).status).toBe(404);
    } finally {
      session.close();
    }
  });
});
