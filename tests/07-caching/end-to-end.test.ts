/**
 * The chapter's middleware behind chapter 03's real HTTP/1.1 connection,
 * driven by real clients over loopback: curl (`-z` sends
 * If-Modified-Since, `-z -DATE` If-Unmodified-Since) and undici's fetch.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { caching } from "#ch07/caching.ts";
import { expectBytesStartWith, expectTrue } from "#testing/wire.ts";
import { demoApp, LAST_MODIFIED, type RunningServer, startServer } from "./server.ts";

const CURL = "/usr/bin/curl";
const NO_CURL = !existsSync(CURL);
if (NO_CURL) console.warn("SKIPPING curl tests: /usr/bin/curl is not installed");

let server: RunningServer;
let app: ReturnType<typeof demoApp>;
let base: string;

beforeAll(async () => {
  app = demoApp();
  server = await startServer(caching().middleware(app));
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server.close());

/** Runs curl with a hard timeout; resolves with its stdout (head + body). */
function curl(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(CURL, ["-si", "--max-time", "5", ...args], { timeout: 8000 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout.replaceAll("\r\n", "\n")),
    );
  });
}

const headerOf = (out: string, name: string): string | undefined =>
  new RegExp(`^${name}: (.*)$`, "im").exec(out)?.[1];

describe.skipIf(NO_CURL)("curl against the real connection", () => {
  test("curl -H 'If-None-Match: \"g1\"' → 304 with ETag and no body", async () => {
    const out = await curl("-H", 'If-None-Match: "g1"', `${base}/guide.html`);
    expectBytesStartWith(out, "HTTP/1.1 304 Not Modified\n", {
      rule: "RFC 9110 §13.1.2: If-None-Match that matches the current ETag → 304 for GET",
      curl: `curl -si -H 'If-None-Match: "g1"' ${base}/guide.html`,
    });
    expect(headerOf(out, "etag")).toBe('"g1"');
    expect(out.endsWith("\n\n")).toBe(true);
  });

  test("curl -z LAST_MODIFIED (If-Modified-Since, equal) → 304", async () => {
    const out = await curl("-z", LAST_MODIFIED, `${base}/guide.html`);
    expectBytesStartWith(out, "HTTP/1.1 304 Not Modified\n", {
      rule: "RFC 9110 §13.1.3: not modified since the date → 304",
      curl: `curl -si -z '${LAST_MODIFIED}' ${base}/guide.html`,
    });
  });

  test("curl -z an earlier date → 200 with the page", async () => {
    const out = await curl("-z", "Thu, 19 Nov 2026 08:00:00 GMT", `${base}/guide.html`);
    expect(out.startsWith("HTTP/1.1 200 OK\n")).toBe(true);
    expect(out.endsWith("<h1>The guide</h1>\n")).toBe(true);
    expect(headerOf(out, "cache-control")).toBe("no-cache");
  });

  test("curl -z -DATE (If-Unmodified-Since, modified after) → 412", async () => {
    const out = await curl("-z", "-Thu, 19 Nov 2026 08:00:00 GMT", `${base}/guide.html`);
    expectBytesStartWith(out, "HTTP/1.1 412 Precondition Failed\n", {
      rule: "RFC 9110 §13.1.4: modified after the If-Unmodified-Since date → 412",
    });
  });

  test("the second curl is a cache hit with Age; no-cache forces the origin", async () => {
    const before = app.quotes;
    const first = await curl(`${base}/api/quote?curl`);
    const second = await curl(`${base}/api/quote?curl`);
    expect(headerOf(first, "cache-status")).toBe(
      "handshake; fwd=uri-miss; fwd-status=200; stored; ttl=60",
    );
    expect(headerOf(second, "cache-status")).toMatch(/^handshake; hit; ttl=(59|60)$/);
    expect(headerOf(second, "age")).toMatch(/^[01]$/);
    expectTrue(
      app.quotes === before + 1,
      "the handler ran for a request the cache should have answered",
      {
        rule: "RFC 9111 §4: a fresh stored response is used without contacting the origin",
        curl: `curl -si ${base}/api/quote`,
      },
    );
    const reload = await curl("-H", "Cache-Control: no-cache", `${base}/api/quote?curl`);
    expect(headerOf(reload, "cache-status")).toMatch(/fwd=request/);
    expect(app.quotes).toBe(before + 2);
  });
});

describe("fetch (undici) against the real connection", () => {
  test("a cache hit still becomes a 304 for a client holding the same ETag", async () => {
    const ok = await fetch(`${base}/guide.html`, { signal: AbortSignal.timeout(5000) });
    const etag = ok.headers.get("etag");
    await ok.text();
    const again = await fetch(`${base}/guide.html`, {
      headers: { "if-none-match": etag ?? "" },
      signal: AbortSignal.timeout(5000),
    });
    expect([ok.status, etag, again.status]).toEqual([200, '"g1"', 304]);
  });

  test("HEAD is answered from the stored GET", async () => {
    await (await fetch(`${base}/api/quote?head`, { signal: AbortSignal.timeout(5000) })).text();
    const before = app.quotes;
    const head = await fetch(`${base}/api/quote?head`, {
      method: "HEAD",
      signal: AbortSignal.timeout(5000),
    });
    expect([head.status, head.headers.get("cache-status")?.split(";")[1]?.trim()]).toEqual([
      200,
      "hit",
    ]);
    expect(head.headers.get("content-length")).toBe("50");
    expect(app.quotes).toBe(before);
  });
});
