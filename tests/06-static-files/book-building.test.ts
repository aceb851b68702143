/**
 * A fresh `npm start` builds the book in the background (tools/start.ts).
 * Until it is built, `/` must say so: 503 with Retry-After and a page that
 * reloads itself (RFC 9110 §15.6.4, §10.2.3), not a 404. The wrapper tells
 * the server through HANDSHAKE_STATIC_PENDING, a file that exists while
 * the build runs; here the test plays the wrapper.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { readOptions } from "../../src/cli-options.ts";
import { assemble } from "../../src/assembly.ts";
import { type RunningServer, servePlan } from "../../src/server.ts";

const BOOK = "chapters/06-static-files.md#routes-first-files-second";
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function start(settings: { staticRoot: string; staticPending?: string }): Promise<string> {
  const { plan, chapter } = assemble(
    { host: "127.0.0.1", port: 0, root: process.cwd(), ...settings },
    6,
  );
  const server: RunningServer = await servePlan(plan, chapter);
  cleanup.push(async () => {
    await server.close();
  });
  return `http://127.0.0.1:${server.port}`;
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "handshake-building-"));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe(`a static root still being built answers 503, then the files (${BOOK})`, () => {
  test("503 with Retry-After and a reloading page while the marker exists; the page once it is gone", async () => {
    const site = path.join(tempDir(), "dist"); // not there yet: the build makes it
    const marker = path.join(tempDir(), "building");
    writeFileSync(marker, "1\n");
    const url = await start({ staticRoot: site, staticPending: marker });

    for (const target of ["/", "/chapters/03-keep-alive.html"]) {
      const res = await fetch(url + target);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(res.headers.get("cache-control")).toBe("no-store");
      const page = await res.text();
      expect(page).toContain("The book is being built");
      expect(page).toMatch(/<meta http-equiv="refresh" content="\d+">/);
    }
    // The routes in front of the files answer as usual meanwhile.
    expect((await fetch(`${url}/hello`)).status).toBe(200);

    // The build ends: the site appears, then the wrapper deletes the marker.
    mkdirSync(site, { recursive: true });
    writeFileSync(path.join(site, "index.html"), "<!doctype html><h1>Handshake</h1>\n");
    rmSync(marker);
    const res = await fetch(`${url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<h1>Handshake</h1>");
  });

  test("without a marker, a missing root is still a plain 404 (no false 'being built')", async () => {
    const url = await start({ staticRoot: path.join(tempDir(), "missing") });
    const res = await fetch(`${url}/`);
    expect(res.status).toBe(404);
    expect(res.headers.get("retry-after")).toBeNull();
  });

  test("the CLI reads the marker from HANDSHAKE_STATIC_PENDING, and only from there", () => {
    expect(readOptions([], { HANDSHAKE_STATIC_PENDING: "/tmp/x/building" }).staticPending).toBe(
      "/tmp/x/building",
    );
    expect(readOptions([], {}).staticPending).toBeUndefined();
    expect(readOptions([], { HANDSHAKE_STATIC_PENDING: "" }).staticPending).toBeUndefined();
  });
});
