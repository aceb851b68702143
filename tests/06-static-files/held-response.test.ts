/**
 * A held file's plain GET and HEAD are answered with one frozen response
 * per version of the file (held-response.ts): the same object until the
 * file changes, and then, once the cache has noticed, a new one.
 */
import { utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { isImmutableResponse } from "#ch03/encoded-response-cache.ts";
import type { HttpResponse } from "#ch03/message.ts";
import { formatHttpDate } from "#ch06/http-date.ts";
import { serveStatic } from "#ch06/serve-static.ts";
import { expectTrue } from "#testing/wire.ts";
import { BOOK, bodyBytes, header, makeSite, request, type Site } from "./fixtures.ts";

const lesson = { book: `${BOOK}#a-memory-tier` };

let site: Site;
beforeAll(async () => {
  site = await makeSite();
});
afterAll(() => site.remove());

/** A file of its own, stamped in the past, and a handler on a hand clock. */
async function setUp(name: string, text: string, now = { ms: Date.now() }) {
  const file = path.join(site.root, name);
  await writeFile(file, text);
  const old = new Date("2024-01-02T03:04:05Z");
  await utimes(file, old, old);
  const handler = serveStatic(site.root, { now: () => now.ms, revalidateAfterMs: 1000 });
  const get = async (headers: Record<string, string> = {}, method = "GET") =>
    (await handler(request(`/${name}`, headers, method))) as HttpResponse;
  return { file, now, get };
}

describe("a held file's answer, built once per version", () => {
  test("a repeated GET gets the same deeply frozen response", async () => {
    const { get } = await setUp("held-a.txt", "held bytes");
    const first = await get();
    const second = await get();
    expectTrue(first === second, "the second GET must get the first GET's response", lesson);
    expectTrue(isImmutableResponse(first), "the kept response must be deeply frozen", lesson);
    expect((await bodyBytes(second)).toString()).toBe("held bytes");
    expect(header(second, "last-modified")).toBe("Tue, 02 Jan 2024 03:04:05 GMT");
  });

  test("HEAD gets its own kept answer: the same fields, no body", async () => {
    const { get } = await setUp("held-b.txt", "held bytes");
    const whole = await get();
    const head = await get({}, "HEAD");
    expect(await get({}, "HEAD")).toBe(head);
    expect(head).not.toBe(whole);
    expect(head.body).toBeUndefined();
    expect(head.headers).toEqual(whole.headers);
  });

  test("a Range is answered afresh: 206, and the whole answer is not disturbed", async () => {
    const { get } = await setUp("held-c.txt", "0123456789");
    const whole = await get();
    const part = await get({ range: "bytes=2-4" });
    expect(part.status).toBe(206);
    expect((await bodyBytes(part)).toString()).toBe("234");
    expect(await get()).toBe(whole);
  });

  test("a file changed on disk gets a new answer once the cache notices", async () => {
    const { file, now, get } = await setUp("held-d.txt", "old");
    const before = await get();
    await writeFile(file, "new!");
    now.ms += 1500; // past the revalidation window: the cache stats again
    const after = await get();
    expectTrue(after !== before, "a changed file must not get the old answer", lesson);
    expect((await bodyBytes(after)).toString()).toBe("new!");
    expect(header(after, "etag")).not.toBe(header(before, "etag"));
    expect(header(after, "content-length")).toBe("4");
  });

  test("a file stamped in the future: Last-Modified is now, so nothing is kept", async () => {
    const now = { ms: Date.now() };
    const { file, get } = await setUp("held-e.txt", "future", now);
    const future = new Date(now.ms + 3_600_000);
    await utimes(file, future, future);
    now.ms += 1500; // the cache sees the new stamp
    const first = await get();
    now.ms += 1000;
    const second = await get();
    expect(header(first, "last-modified")).toBe(formatHttpDate(now.ms - 1000));
    expectTrue(
      header(second, "last-modified") === formatHttpDate(now.ms),
      "RFC 9110 §8.8.2.1: Last-Modified no later than now, on every request",
      lesson,
    );
  });
});
