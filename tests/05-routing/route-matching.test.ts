/**
 * Route matching, table-driven: which route a path reaches, with which
 * params, under the precedence static > param > wildcard.
 */
import { describe, expect, test } from "vitest";
import { json } from "#ch05/response.ts";
import { parsePattern } from "#ch05/route-pattern.ts";
import { Router } from "#ch05/router.ts";
import { expectBytes } from "#testing/wire.ts";
import { bodyText, request } from "./synthetic.ts";

const BOOK = "chapters/05-routing.md#the-trie";

/** Each route answers with its own pattern and the params it captured. */
function demoRouter(): Router {
  const router = new Router({ logger: { error: () => {} } });
  const patterns = [
    "/",
    "/users",
    "/users/",
    "/users/new",
    "/users/:id",
    "/users/:id/posts/:post",
    "/users/new/settings",
    "/static/*",
    "/files/*path",
    "/files/readme",
    "/café",
    "/a/:x/c",
    "/a/b/:y",
  ];
  for (const pattern of patterns) {
    router.get(pattern, (req) => json({ route: pattern, params: { ...req.params } }));
  }
  return router;
}

const cases: readonly [target: string, route: string, params: Record<string, string>][] = [
  ["/", "/", {}],
  ["/users", "/users", {}],
  ["/users/", "/users/", {}],
  ["/users/new", "/users/new", {}], // static beats param
  ["/users/42", "/users/:id", { id: "42" }],
  ["/users/42/posts/7", "/users/:id/posts/:post", { id: "42", post: "7" }],
  // static `new` dead-ends at `posts`: back up and take the param
  ["/users/new/posts/7", "/users/:id/posts/:post", { id: "new", post: "7" }],
  ["/users/new/settings", "/users/new/settings", {}],
  ["/static/app.js", "/static/*", { "*": "app.js" }],
  ["/static/css/site.css", "/static/*", { "*": "css/site.css" }],
  ["/static/", "/static/*", { "*": "" }],
  ["/files/readme", "/files/readme", {}], // static beats wildcard
  ["/files/docs/a%20b.txt", "/files/*path", { path: "docs/a b.txt" }],
  ["/caf%C3%A9", "/café", {}],
  ["/users/J%C3%BCrgen", "/users/:id", { id: "Jürgen" }],
  ["/users/a%2Fb", "/users/:id", { id: "a/b" }], // encoded slash stays in its segment
  ["/users/42?tab=posts", "/users/:id", { id: "42" }], // query is not the path
  ["/a/b/c", "/a/b/:y", { y: "c" }], // static `b` first, then its param
  ["/a/z/c", "/a/:x/c", { x: "z" }],
  ["http://example.com/users/9", "/users/:id", { id: "9" }], // absolute-form
];

describe("route matching (static > param > wildcard)", () => {
  const router = demoRouter();
  test.each(cases)("GET %s → %s", async (target, route, params) => {
    const response = await router.handle(request({ target }));
    const expected = JSON.stringify({ route, params });
    expectBytes(await bodyText(response), expected, {
      rule: "static segments beat params, params beat wildcards, and a dead end backs up",
      book: BOOK,
      curl: `curl -s 'http://127.0.0.1:8080${target.startsWith("/") ? target : "/"}'`,
    });
  });

  const misses = [
    "/nope",
    "/users/42/posts", // no route ends there
    "/users//posts/1", // a param never matches an empty segment
    "/static", // `/static/*` needs the slash
    "/files/a%2Fb/c", // encoded slash never reaches a wildcard
    "/CAF%C3%A9", // paths are case-sensitive
  ];
  test.each(misses)("GET %s → 404", async (target) => {
    const response = await router.handle(request({ target }));
    expectBytes(`${response.status}`, "404", {
      rule: "RFC 9110 §15.5.5: 404 when no route matches the path",
      book: BOOK,
    });
  });
});

describe("route patterns", () => {
  test.each([
    ["users/:id", /must start with/],
    ["/a/*/b", /must be the last/],
    ["/a/:id/:id", /duplicate parameter/],
    ["/a/:", /bad parameter name/],
    ["/a/:9lives", /bad parameter name/],
    ["/a/../b", /dot-segments/],
  ])("rejects %s", (pattern, message) => {
    expect(() => parsePattern(pattern)).toThrow(message);
  });

  test("registering the same method and path twice throws", () => {
    const router = new Router();
    router.get("/x/:a", () => json(1));
    expect(() => router.get("/x/:b", () => json(2))).toThrow(/registered twice: GET \/x\/:b/);
    expect(() => router.post("/x/:b", () => json(2))).not.toThrow();
  });

  test("a method must be a token", () => {
    expect(() => new Router().on("GET /", "/", () => json(1))).toThrow(/token/);
  });
});

describe("mounting plugins", () => {
  test("nested mounts add their prefixes; a plugin's `/` is the prefix itself", async () => {
    const router = new Router();
    router.mount("/api", (api) => {
      api.get("/", () => json("api root"));
      api.mount("/v1/", (v1) => {
        v1.get("/users/:id", (req) => json({ v1: req.params.id, segments: req.segments }));
      });
    });
    const root = await bodyText(await router.handle(request({ target: "/api" })));
    const user = await bodyText(await router.handle(request({ target: "/api/v1/users/7" })));
    expectBytes(`${root} ${user}`, '"api root" {"v1":"7","segments":["api","v1","users","7"]}', {
      rule: "a plugin registers relative to where it is mounted",
      book: "chapters/05-routing.md#plugins",
    });
  });

  test("a mount prefix must be absolute", () => {
    expect(() => new Router().mount("api", () => {})).toThrow(/must start with/);
  });

  test("segments are computed for routes found by the exact-path shortcut too", async () => {
    const router = new Router().get("/a/b", (req) => json([req.segments, req.decodedPath]));
    const body = await bodyText(await router.handle(request({ target: "/a/b?x" })));
    expect(body).toBe('[["a","b"],"/a/b"]');
  });

  test("a pattern with a `%` is matched decoded, never by the raw path", async () => {
    // Patterns are written decoded: `/100%` is reached by `/100%25`; the
    // raw `/100%` is a bad percent-encoding (400), not that route.
    const router = new Router({ logger: { error: () => {} } });
    router.get("/100%", () => json("full"));
    const encoded = await router.handle(request({ target: "/100%25" }));
    const raw = await router.handle(request({ target: "/100%" }));
    expectBytes(`${encoded.status} ${await bodyText(encoded)} ${raw.status}`, '200 "full" 400', {
      rule: "RFC 3986 §2.4: a path is decoded once, so the raw `/100%` is no route's path",
      book: "chapters/05-routing.md#the-exact-path-shortcut",
    });
  });
});
