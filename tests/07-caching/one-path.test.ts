/**
 * The router, the cache policy and the cache read one path, parsed once by
 * the connection (chapter 02's splitTarget), so two spellings of one URI
 * are one resource everywhere. And pipelined unsafe requests run alone
 * (RFC 9112 §9.3.2), so a cache never re-stores what a DELETE removed.
 * Real connection, raw bytes over loopback.
 */
import { afterEach, describe, expect, test } from "vitest";
import { empty, text } from "#ch05/response.ts";
import { Router } from "#ch05/router.ts";
import { caching } from "#ch07/caching.ts";
import { exchange } from "#testing/raw-client.ts";
import { startHttpServer, type TestHttpServer } from "#testing/http-server.ts";
import { expectTrue } from "#testing/wire.ts";

let server: TestHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const BOOK = "chapters/07-caching.md";
const POLICY = { policy: [["/api/*", "public, max-age=60"]] as const };

/** Heads and bodies of Content-Length-framed responses, in order. */
function responses(bytes: Buffer): { head: string; body: string }[] {
  const out: { head: string; body: string }[] = [];
  let text = bytes.toString("latin1");
  while (text.length > 0) {
    const end = text.indexOf("\r\n\r\n");
    if (end === -1) break;
    const head = text.slice(0, end);
    const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
    out.push({ head, body: text.slice(end + 4, end + 4 + length) });
    text = text.slice(end + 4 + length);
  }
  return out;
}

const field = (head: string, name: string): string | undefined =>
  new RegExp(`^${name}: (.*)$`, "im").exec(head)?.[1];

describe("GET /%61pi/x is GET /api/x, for the router and for the cache", () => {
  test("it reaches the /api route, gets the /api cache policy, and shares one cache entry", async () => {
    let calls = 0;
    const router = new Router().get("/api/x", () => text(`x #${++calls}`));
    server = await startHttpServer(caching(POLICY).middleware(router.handle));
    const sent = "GET /%61pi/x HTTP/1.1\r\nHost: t\r\n\r\nGET /api/x HTTP/1.1\r\nHost: t\r\n\r\n";
    const r = await exchange(server.port, sent, {
      until: (b) => responses(b).length === 2,
      timeoutMs: 3000,
    });
    const [first, second] = responses(r.received);
    const got = [first?.body, field(first?.head ?? "", "cache-control"), second?.body];
    expectTrue(
      JSON.stringify(got) === JSON.stringify(["x #1", "public, max-age=60", "x #1"]),
      `got ${JSON.stringify(got)} (cache-status ${field(second?.head ?? "", "cache-status")})`,
      {
        rule: "RFC 3986 §6.2.2.2: %61 is 'a'; one parser, so route, policy and cache key agree",
        book: `${BOOK}#dates`,
        sent,
      },
    );
    // A hit, or collapsed onto the first while it was with the handler: one key.
    expect(field(second?.head ?? "", "cache-status")).toMatch(/^handshake; (hit|.*collapsed$)/);
    expect(calls).toBe(1);
  });
});

describe("pipelined DELETE and GET run one after the other (RFC 9112 §9.3.2)", () => {
  test("the GET sees the DELETE's effect, never the copy the cache held before it", async () => {
    let item: string | undefined = "v1";
    const router = new Router()
      .get("/api/item", () => (item === undefined ? text("gone", { status: 404 }) : text(item)))
      .delete("/api/item", async () => {
        // The delete takes a moment: a GET processed beside it would win.
        await new Promise<void>((resolve) => setImmediate(resolve));
        item = undefined;
        return empty(204);
      });
    server = await startHttpServer(caching(POLICY).middleware(router.handle));
    const prime = await exchange(server.port, "GET /api/item HTTP/1.1\r\nHost: t\r\n\r\n", {
      until: (b) => responses(b).length === 1,
    });
    expect(responses(prime.received)[0]?.body).toBe("v1"); // stored, fresh for 60 s
    const sent =
      "DELETE /api/item HTTP/1.1\r\nHost: t\r\n\r\nGET /api/item HTTP/1.1\r\nHost: t\r\n\r\n";
    const r = await exchange(server.port, sent, {
      until: (b) => responses(b).length === 2,
      timeoutMs: 3000,
    });
    const [deleted, after] = responses(r.received);
    const got = [deleted?.head.split("\r\n")[0], after?.head.split("\r\n")[0], after?.body];
    expectTrue(
      JSON.stringify(got) ===
        JSON.stringify(["HTTP/1.1 204 No Content", "HTTP/1.1 404 Not Found", "gone"]),
      `got ${JSON.stringify(got)}`,
      {
        rule: "RFC 9112 §9.3.2: pipelined requests run in parallel only when all are safe",
        book: "chapters/03-keep-alive.md#pipelining",
        sent,
      },
    );
  });
});
