/**
 * Real peers over loopback: curl and undici (Node's fetch) upload chunked
 * bodies, read chunked responses, and see our trailers. --raw makes curl
 * print the chunk framing as it arrived instead of decoding it.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { request } from "undici";
import { afterEach, describe, expect, test } from "vitest";
import { expectTrue } from "#testing/wire.ts";
import { closeAll, startServer } from "./server.ts";
import { streamingEcho } from "./streaming-echo.ts";

afterEach(closeAll);

const run = promisify(execFile);
const CURL = "/usr/bin/curl";
const noCurl = !existsSync(CURL);
const BOOK = "chapters/04-bodies-and-chunking.md#chunked-responses";

function curl(args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  return run(CURL, ["-sS", "--max-time", "5", ...args], { timeout: 8000, encoding: "latin1" });
}

function payload(bytes: number): string {
  const dir = mkdtempSync(join(tmpdir(), "ch04-"));
  const file = join(dir, "payload.bin");
  writeFileSync(file, Buffer.alloc(bytes, "abcdefghij"));
  return file;
}

describe.skipIf(noCurl)("curl (SKIPPED: /usr/bin/curl not installed)", () => {
  test("--raw shows the chunk framing and the trailer", async () => {
    const server = await startServer(streamingEcho);
    const url = `http://127.0.0.1:${server.port}/echo`;
    const { stdout } = await curl(["--raw", "--data-binary", "hello", url]);
    expectTrue(
      stdout === "5\r\nhello\r\n0\r\nx-body-bytes: 5\r\n\r\n",
      `curl --raw printed ${JSON.stringify(stdout)}`,
      {
        rule: "RFC 9112 §7.1: hex size CRLF data CRLF ... 0 CRLF trailers CRLF",
        book: BOOK,
        curl: `curl --raw --data-binary hello ${url}`,
      },
    );
  });

  test("a chunked upload of 200 KiB comes back byte for byte", async () => {
    const server = await startServer(streamingEcho);
    const file = payload(200 * 1024);
    const url = `http://127.0.0.1:${server.port}/echo`;
    const { stdout, stderr } = await curl([
      "-v",
      "-H",
      "Transfer-Encoding: chunked",
      "--data-binary",
      `@${file}`,
      url,
    ]);
    expect(stderr).toMatch(/< transfer-encoding: chunked/i);
    expect(stdout.length).toBe(200 * 1024);
    expect(stdout).toBe(Buffer.alloc(200 * 1024, "abcdefghij").toString("latin1"));
  });
});

describe("undici", () => {
  test("fetch reassembles a chunked response to a streamed (chunked) upload", async () => {
    const server = await startServer(streamingEcho);
    const parts = ["one ", "two ", "three"];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
        controller.close();
      },
    });
    const response = await fetch(`http://127.0.0.1:${server.port}/echo`, {
      method: "POST",
      body,
      duplex: "half",
      signal: AbortSignal.timeout(5000),
    } as RequestInit);
    expect(response.headers.get("transfer-encoding")).toBe("chunked");
    expect(await response.text()).toBe("one two three");
  });

  test("undici.request sees the trailer fields", async () => {
    const server = await startServer(streamingEcho);
    const response = await request(`http://127.0.0.1:${server.port}/echo`, {
      method: "POST",
      body: "twelve bytes",
      headersTimeout: 5000,
      bodyTimeout: 5000,
    });
    expect(await response.body.text()).toBe("twelve bytes");
    expectTrue(
      response.trailers["x-body-bytes"] === "12",
      `trailers were ${JSON.stringify(response.trailers)}`,
      {
        rule: "RFC 9110 §6.5: trailer fields follow the content",
        book: BOOK,
      },
    );
  });
});
