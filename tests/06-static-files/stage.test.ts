import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectTrue } from "#testing/wire.ts";
import type { Handler } from "#ch03/message.ts";
import { serveStatic } from "#ch06/serve-static.ts";
import { staticFallback } from "#ch06/static-fallback.ts";
import { stage } from "../../src/stages/06-static-files.ts";
import { startServer } from "../../src/server.ts";
import { fold } from "../../src/stages/stage.ts";
import { BOOK, bodyBytes, makeSite, request, type Site } from "./fixtures.ts";

let site: Site;
beforeAll(async () => {
  site = await makeSite();
});
afterAll(() => site.remove());

/** A stand-in for chapter 05's router: two routes, 404 for the rest. */
const routes: Handler = (req) => {
  if (req.target === "/hello") return { status: 200, body: "hello from a route" };
  if (req.target === "/index.html") return { status: 200, body: "a route shadows the file" };
  if (req.target === "/api/broken") return { status: 500, body: "route failed" };
  return { status: 404, body: "the application's 404 page" };
};

const lesson = {
  rule: "routes answer first; only their 404 falls through to the files",
  book: `${BOOK}#routes-first-files-second`,
};

describe("staticFallback: routes first, files on a 404", () => {
  const handler = () => staticFallback(serveStatic(site.root))(routes);
  test.each([
    ["a route wins", "/hello", 200, "hello from a route"],
    ["a route shadows a file of the same path", "/index.html", 200, "a route shadows the file"],
    ["a route's 500 is not hidden by a file", "/api/broken", 500, "route failed"],
    ["a path no route claims is served from disk", "/style.css", 200, "body{}\n"],
    ["missing everywhere: the application's own 404", "/nope", 404, "the application's 404 page"],
  ])("%s: %s", async (_name, target, status, text) => {
    const res = await handler()(request(target));
    const body = (await bodyBytes(res)).toString();
    expectTrue(
      res.status === status && body === text,
      `${target}: ${res.status} ${JSON.stringify(body)}`,
      lesson,
    );
  });

  test("a traversal attempt behind the router is still refused", async () => {
    const res = await handler()(request("/%2e%2e/secret.txt"));
    expect(res.status).toBe(400);
  });
});

describe("the chapter 06 stage", () => {
  const plan = (extensions = {}) =>
    fold({ host: "127.0.0.1", port: 0, root: site.base, staticRoot: site.root }, [], extensions);

  test("wraps the previous handler so its 404s reach the files", async () => {
    const next = stage.apply(plan({ handler: routes }));
    const handler = next.extensions.handler!;
    expect((await bodyBytes(await handler(request("/hello")))).toString()).toBe(
      "hello from a route",
    );
    expect((await bodyBytes(await handler(request("/docs/guide.txt")))).toString()).toBe("guide\n");
    expect(next.banner.join("\n")).toContain("static files: www at /");
  });

  test("with no earlier handler, the files are the handler", async () => {
    const next = stage.apply(plan());
    expect((await next.extensions.handler!(request("/"))).status).toBe(200);
    expect(next.extensions.staticFiles).toBeDefined();
  });

  test("with no root, the routes answer alone and the banner says how to add files", async () => {
    const next = fold({ host: "127.0.0.1", port: 0, root: site.base }, [stage], {
      handler: routes,
    });
    expect((await bodyBytes(await next.extensions.handler!(request("/hello")))).toString()).toBe(
      "hello from a route",
    );
    expect((await next.extensions.handler!(request("/docs/guide.txt"))).status).toBe(404);
    expect(next.extensions.staticFiles).toBeUndefined();
    expect(next.banner.join("\n")).toContain("--root DIR");
  });

  test("chapter 6: the server as of chapter 6 serves --root's files, as of chapter 5 it does not", async () => {
    expect([stage.chapter, stage.slug]).toEqual([6, "06-static-files"]);
    const settings = { host: "127.0.0.1", port: 0, root: site.base, staticRoot: "www" };
    const got: [number, number, string][] = [];
    for (const chapter of [6, 5]) {
      const server = await startServer({ ...settings, chapter });
      try {
        const res = await fetch(`http://127.0.0.1:${server.port}/digits.txt`);
        got.push([chapter, res.status, (await res.text()).slice(0, 10)]);
      } finally {
        await server.close();
      }
    }
    expect(got).toEqual([
      [6, 200, "0123456789"],
      [5, 404, got[1]?.[2] ?? ""],
    ]);
  });
});
