/**
 * End to end: serveStatic on chapter 03's connection, against curl, fetch
 * (undici) and a raw socket, over loopback.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { exchange } from "#testing/raw-client.ts";
import { replayTranscript } from "#testing/transcript.ts";
import { expectBytes, expectBytesStartWith, expectTrue } from "#testing/wire.ts";
import { serveStatic } from "#ch06/serve-static.ts";
import { BOOK, DIGITS, makeSite, type Site } from "./fixtures.ts";
import { type RunningServer, startServer } from "./server.ts";

const CURL = "/usr/bin/curl";
const hasCurl = existsSync(CURL);
const BIG = 4 * 1024 * 1024;

interface CurlResult {
  readonly head: string;
  readonly body: Buffer;
}

/** Runs curl with the head then the body on stdout, bounded to 5 s. */
function curl(args: readonly string[]): Promise<CurlResult> {
  return new Promise((resolve, reject) => {
    execFile(
      CURL,
      ["-sS", "--max-time", "5", ...(args.includes("-I") ? [] : ["-D", "-", "-o", "-"]), ...args],
      { encoding: "buffer", timeout: 6000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout) => {
        if (err) return reject(err);
        const split = stdout.indexOf("\r\n\r\n");
        resolve({
          head: stdout.subarray(0, split).toString("latin1"),
          body: stdout.subarray(split + 4),
        });
      },
    );
  });
}

const field = (head: string, name: string): string | undefined =>
  new RegExp(`^${name}: *(.*)$`, "im").exec(head)?.[1]?.trim();

let site: Site;
let server: RunningServer;
beforeAll(async () => {
  site = await makeSite();
  const big = Buffer.alloc(BIG);
  for (let i = 0; i < BIG; i++) big[i] = (i * 7) & 0xff;
  await writeFile(path.join(site.root, "big.bin"), big);
  server = await startServer(serveStatic(site.root));
});
afterAll(async () => {
  await server?.close();
  await site?.remove();
});

const curlTitle = hasCurl ? "curl" : "curl: SKIPPED, /usr/bin/curl not found; install curl";
describe.skipIf(!hasCurl)(curlTitle, () => {
  test("curl -r 0-99: 206 with the first 100 bytes", async () => {
    const r = await curl(["-r", "0-99", `${server.url}/digits.txt`]);
    const lesson = {
      book: `${BOOK}#range-requests`,
      curl: `curl -r 0-99 ${server.url}/digits.txt`,
    };
    expectBytesStartWith(r.head, "HTTP/1.1 206 Partial Content", lesson, "status line");
    expect(field(r.head, "content-range")).toBe("bytes 0-99/1000");
    expectBytes(r.body, DIGITS.slice(0, 100), lesson, "body");
  });

  test("curl -I: HEAD gives length, type, validators and no body", async () => {
    const r = await curl(["-I", `${server.url}/digits.txt`]);
    expectBytesStartWith(r.head, "HTTP/1.1 200 OK", { curl: `curl -I ${server.url}/digits.txt` });
    expect(field(r.head, "content-length")).toBe("1000");
    expect(field(r.head, "accept-ranges")).toBe("bytes");
    expect(field(r.head, "etag")).toMatch(/^"/);
    expect(r.body.length).toBe(0);
  });

  test("curl -H 'If-Range: <etag>': 206 when current, 200 when stale", async () => {
    const etag = field((await curl(["-I", `${server.url}/digits.txt`])).head, "etag") ?? "";
    const hit = await curl(["-r", "0-9", "-H", `If-Range: ${etag}`, `${server.url}/digits.txt`]);
    expectBytesStartWith(hit.head, "HTTP/1.1 206", { book: `${BOOK}#if-range` });
    const miss = await curl(["-r", "0-9", "-H", 'If-Range: "old"', `${server.url}/digits.txt`]);
    expectBytesStartWith(miss.head, "HTTP/1.1 200", { book: `${BOOK}#if-range` });
    expect(miss.body.length).toBe(1000);
  });

  test("curl -r 0-9,990-: multipart/byteranges", async () => {
    const r = await curl(["-r", "0-9,990-", `${server.url}/digits.txt`]);
    expect(field(r.head, "content-type")).toMatch(/^multipart\/byteranges; boundary=/);
    expect(Number(field(r.head, "content-length"))).toBe(r.body.length);
    expect(r.body.toString("latin1")).toContain(
      "Content-Range: bytes 990-999/1000\r\n\r\n0123456789\r\n--",
    );
  });

  test("curl --path-as-is /../secret.txt: 400, no secret", async () => {
    const r = await curl(["--path-as-is", `${server.url}/../secret.txt`]);
    expectBytesStartWith(r.head, "HTTP/1.1 400", { book: `${BOOK}#the-attacks` });
    expectTrue(!r.body.toString().includes("TOP SECRET"), "secret leaked", {});
  });

  test("curl: a 4 MiB file arrives byte-exact, and so does its middle", async () => {
    const whole = await curl([`${server.url}/big.bin`]);
    expect(whole.body.length).toBe(BIG);
    expect(whole.body.every((b, i) => b === ((i * 7) & 0xff))).toBe(true);
    const mid = await curl(["-r", "1000000-2999999", `${server.url}/big.bin`]);
    expect(mid.body.length).toBe(2_000_000);
    expect(mid.body.every((b, i) => b === (((i + 1_000_000) * 7) & 0xff))).toBe(true);
  });
});

describe("fetch (undici) and raw sockets", () => {
  test("fetch with a Range header", async () => {
    const res = await fetch(`${server.url}/digits.txt`, {
      headers: { range: "bytes=-10" },
      signal: AbortSignal.timeout(5000),
    });
    expect(res.status).toBe(206);
    expect(await res.text()).toBe("0123456789");
  });

  test("keep-alive: two requests, one connection", async () => {
    const req = "GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n";
    const { received } = await exchange(server.port, req + req, {
      until: (b) => b.toString("latin1").split("body{}\n").length === 3,
    });
    expect(received.toString("latin1").match(/HTTP\/1\.1 200 OK/g)?.length).toBe(2);
  });

  const openFds = (): number => readdirSync("/proc/self/fd").length;
  test.skipIf(!existsSync("/proc/self/fd"))(
    "a client that leaves mid-download does not leak the file handle",
    async () => {
      const before = openFds();
      await exchange(server.port, "GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n", {
        until: (b) => b.length > 200_000,
      });
      const deadline = Date.now() + 3000;
      while (openFds() > before && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expectTrue(openFds() <= before, `file handles still open: ${openFds() - before}`, {
        book: `${BOOK}#streaming-with-back-pressure`,
      });
    },
  );

  test("the transcript replays", async () => {
    await replayTranscript(path.join(import.meta.dirname, "transcript.txt"), server.port, {
      book: BOOK,
    });
  });
});
