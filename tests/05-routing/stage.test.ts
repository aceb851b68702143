/**
 * The stage: the router becomes the handler, the previous handler its
 * fallback, and later chapters add routes through `extensions.router`.
 */
import { describe, expect, test } from "vitest";
import { text } from "#ch05/response.ts";
import { stage } from "../../src/stages/05-routing.ts";
import { startServer } from "../../src/server.ts";
import { fold, type ServerPlan } from "../../src/stages/stage.ts";
import { bodyText, request } from "./synthetic.ts";

const base: ServerPlan = fold({ host: "127.0.0.1", port: 0, root: "." }, []);

describe("stage 05-routing", () => {
  test("is chapter 5: the server as of chapter 5 routes, as of chapter 4 it does not", async () => {
    expect([stage.chapter, stage.slug]).toEqual([5, "05-routing"]);
    const settings = { host: "127.0.0.1", port: 0, root: "." };
    for (const [chapter, status, allow] of [
      [5, 405, "GET, HEAD, OPTIONS"],
      [4, 404, null],
    ] as const) {
      const server = await startServer({ ...settings, chapter });
      try {
        const res = await fetch(`http://127.0.0.1:${server.port}/api/time`, { method: "DELETE" });
        await res.arrayBuffer();
        expect([chapter, res.status, res.headers.get("allow")]).toEqual([chapter, status, allow]);
      } finally {
        await server.close();
      }
    }
  });

  test("the previous handler answers what no route claims", async () => {
    const previous = () => text("from chapter 03", { status: 404 });
    const plan = fold(base.settings, [stage], { handler: previous });
    const handler = plan.extensions.handler;
    if (handler === undefined) throw new Error("no handler published");
    expect(await bodyText(await handler(request({ target: "/hello" })))).toBe("hello world");
    expect(await bodyText(await handler(request({ target: "/elsewhere" })))).toBe(
      "from chapter 03",
    );
  });

  test("without a previous handler, unclaimed paths are the router's 404", async () => {
    const handler = stage.apply(base).extensions.handler;
    const response = await handler?.(request({ target: "/elsewhere" }));
    expect(response?.status).toBe(404);
  });

  test("a later chapter adds routes through extensions.router", async () => {
    const plan = stage.apply(base);
    plan.extensions.router?.mount("/plugins", (routes) => {
      routes.get("/ping", () => text("pong"));
    });
    const response = await plan.extensions.handler?.(request({ target: "/plugins/ping" }));
    expect(response === undefined ? "" : await bodyText(response)).toBe("pong");
  });

  test("POST /api/echo-json refuses a JSON value that is not an object", async () => {
    const handler = stage.apply(base).extensions.handler;
    const response = await handler?.(
      request({
        method: "POST",
        target: "/api/echo-json",
        headers: { "content-type": "application/json" },
        body: "42",
      }),
    );
    expect(response?.status).toBe(422);
  });

  test("POST /api/echo-json sends the object back", async () => {
    const handler = stage.apply(base).extensions.handler;
    const response = await handler?.(
      request({
        method: "POST",
        target: "/api/echo-json",
        headers: { "content-type": "application/json" },
        body: '{"a":[1,"two"]}',
      }),
    );
    expect(response === undefined ? "" : await bodyText(response)).toBe(
      '{"received":{"a":[1,"two"]}}',
    );
  });

  test("/echo reflects a binary body as base64", async () => {
    const handler = stage.apply(base).extensions.handler;
    const response = await handler?.(
      request({ method: "PUT", target: "/echo", body: [Uint8Array.of(0xff, 0x00)] }),
    );
    const echoed = JSON.parse(response === undefined ? "{}" : await bodyText(response));
    expect(echoed).toMatchObject({ method: "PUT", bodyBase64: "/wA=" });
  });
});
