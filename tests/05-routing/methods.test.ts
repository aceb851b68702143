/**
 * 404 or 405, automatic HEAD and OPTIONS, `OPTIONS *`, and the fallback
 * handler behind the router (RFC 9110 §9.3.2, §9.3.7, §10.2.1, §15.5.6).
 */
import { describe, expect, test } from "vitest";
import { allowHeader } from "#ch05/allow.ts";
import { text } from "#ch05/response.ts";
import { Router } from "#ch05/router.ts";
import { expectBytes } from "#testing/wire.ts";
import { render, request } from "./synthetic.ts";

const BOOK = "chapters/05-routing.md#404-or-405";
const quiet = { error: () => {} };

function itemsRouter(): Router {
  return new Router({ logger: quiet })
    .get("/items", () => text("list"))
    .post("/items", () => text("created", { status: 201 }))
    .get("/items/:id", (req) => text(`item ${req.params.id} via ${req.method}`))
    .delete("/items/:id", () => text("deleted"))
    .put("/only-put", () => text("put"));
}

const TEXT = "content-type: text/plain; charset=utf-8";

const cases: readonly [method: string, target: string, expected: string, rule: string][] = [
  ["GET", "/items", `200\r\n${TEXT}\r\n\r\nlist`, "a registered route answers"],
  ["POST", "/items", `201\r\n${TEXT}\r\n\r\ncreated`, "the method picks the route"],
  [
    "PATCH",
    "/items",
    `405\r\n${TEXT}\r\nallow: GET, HEAD, OPTIONS, POST\r\n\r\n` +
      "METHOD_NOT_ALLOWED: PATCH is not allowed on /items; use GET, HEAD, OPTIONS, POST\n",
    "RFC 9110 §15.5.6: the origin server MUST generate an Allow header field in a 405",
  ],
  [
    "HEAD",
    "/items/7",
    `200\r\n${TEXT}\r\n\r\nitem 7 via HEAD`,
    "RFC 9110 §9.3.2: HEAD is GET without content; the GET route answers it",
  ],
  [
    "OPTIONS",
    "/items/7",
    "204\r\nallow: DELETE, GET, HEAD, OPTIONS\r\n\r\n",
    "RFC 9110 §9.3.7: OPTIONS on a resource answers with what it supports",
  ],
  [
    "HEAD",
    "/only-put",
    `405\r\n${TEXT}\r\nallow: OPTIONS, PUT\r\n\r\n` +
      "METHOD_NOT_ALLOWED: HEAD is not allowed on /only-put; use OPTIONS, PUT\n",
    "HEAD comes only with GET",
  ],
  [
    "GET",
    "/nothing/here",
    `404\r\n${TEXT}\r\n\r\nROUTE_NOT_FOUND: no route for GET /nothing/here\n`,
    "RFC 9110 §15.5.5: no route for the path is a 404, whatever the method",
  ],
  [
    "DELETE",
    "/nothing",
    `404\r\n${TEXT}\r\n\r\nROUTE_NOT_FOUND: no route for DELETE /nothing\n`,
    "404, not 405: no resource there at all",
  ],
  [
    "OPTIONS",
    "*",
    "204\r\nallow: DELETE, GET, HEAD, OPTIONS, POST, PUT\r\n\r\n",
    "RFC 9110 §9.3.7: OPTIONS * asks about the server as a whole",
  ],
  [
    "GET",
    "*",
    `400\r\n${TEXT}\r\n\r\nBAD_REQUEST_TARGET: "*" is only a target for OPTIONS\n`,
    "RFC 9112 §3.2.4: the asterisk-form is only used for a server-wide OPTIONS request",
  ],
];

describe("404, 405, HEAD and OPTIONS", () => {
  const router = itemsRouter();
  test.each(cases)("%s %s", async (method, target, expected, rule) => {
    const response = await router.handle(request({ method, target }));
    expectBytes(await render(response), expected, {
      rule,
      book: BOOK,
      curl: `curl -si -X ${method} http://127.0.0.1:8080${target === "*" ? "" : target}`,
    });
  });

  test("an explicit HEAD route wins over the GET one", async () => {
    const router = new Router()
      .get("/r", () => text("from GET"))
      .on("HEAD", "/r", () => text("from HEAD"));
    const response = await router.handle(request({ method: "HEAD", target: "/r" }));
    expect(response.body).toBe("from HEAD");
  });

  test("an explicit OPTIONS route wins over the automatic answer", async () => {
    const router = new Router()
      .get("/r", () => text("x"))
      .on("OPTIONS", "/r", () => text("custom", { status: 200 }));
    const response = await router.handle(request({ method: "OPTIONS", target: "/r" }));
    expect(response.body).toBe("custom");
  });

  test("Allow unites every route that matches the path", async () => {
    // `/p/new` (POST) and `/p/:id` (GET) both match `/p/new`
    const router = new Router({ logger: quiet })
      .post("/p/new", () => text("made"))
      .get("/p/:id", (req) => text(`p ${req.params.id}`));
    const get = await router.handle(request({ target: "/p/new" }));
    expect(get.body).toBe("p new"); // the method narrows the search first
    const put = await router.handle(request({ method: "PUT", target: "/p/new" }));
    expectBytes(
      await render(put).then((r) => r.split("\r\n")[2] ?? ""),
      "allow: GET, HEAD, OPTIONS, POST",
      {
        rule: "RFC 9110 §10.2.1: Allow lists the methods the target resource supports",
        book: BOOK,
      },
    );
  });
});

describe("the fallback handler", () => {
  const fallback = () => text("from the fallback", { status: 299 });

  test("answers paths no route matches", async () => {
    const router = new Router({ fallback }).get("/a", () => text("a"));
    const response = await router.handle(request({ target: "/elsewhere" }));
    expect([response.status, response.body]).toEqual([299, "from the fallback"]);
  });

  test("does not answer a path a route owns (405 stays 405)", async () => {
    const router = new Router({ fallback, logger: quiet }).get("/a", () => text("a"));
    const response = await router.handle(request({ method: "POST", target: "/a" }));
    expect(response.status).toBe(405);
  });
});

describe("allowHeader", () => {
  test.each([
    [["GET"], "GET, HEAD, OPTIONS"],
    [["POST"], "OPTIONS, POST"],
    [["PUT", "GET", "DELETE"], "DELETE, GET, HEAD, OPTIONS, PUT"],
    [["GET", "HEAD", "OPTIONS"], "GET, HEAD, OPTIONS"],
    [[], "OPTIONS"],
  ])("%j → %s", (methods, expected) => {
    expectBytes(allowHeader(methods), expected, {
      rule: "GET implies HEAD (RFC 9110 §9.3.2); the router always answers OPTIONS; each once, sorted",
      book: BOOK,
    });
  });
});
