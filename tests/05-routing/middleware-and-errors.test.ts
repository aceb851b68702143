/**
 * Middleware composes as an onion; thrown errors become responses: an
 * HttpError its own status, anything else a 500 with an error id and no
 * stack trace.
 */
import { describe, expect, test } from "vitest";
import type { Handler } from "#ch03/message.ts";
import { errorBoundary } from "#ch05/error-boundary.ts";
import { HttpError } from "#ch05/http-error.ts";
import type { Logger } from "#ch03/logger.ts";
import { compose, type Middleware } from "#ch05/middleware.ts";
import { text } from "#ch05/response.ts";
import { Router } from "#ch05/router.ts";
import { expectBytes, expectTrue } from "#testing/wire.ts";
import { bodyText, render, request } from "./synthetic.ts";

const ONION = "chapters/05-routing.md#middleware";
const ERRORS = "chapters/05-routing.md#errors-and-error-ids";

/** A middleware that records when it is entered and left. */
function tracer(name: string, trace: string[]): Middleware {
  return (next) => async (req) => {
    trace.push(`${name} in`);
    const response = await next(req);
    trace.push(`${name} out`);
    return response;
  };
}

/** A logger that keeps what it is given. */
function memoryLogger(): Logger & { events: Record<string, unknown>[] } {
  const events: Record<string, unknown>[] = [];
  return { events, error: (event, fields) => events.push({ event, ...fields }) };
}

describe("compose", () => {
  test("the first middleware is the outermost layer", async () => {
    const trace: string[] = [];
    const handler: Handler = () => {
      trace.push("handler");
      return text("ok");
    };
    const app = compose([tracer("a", trace), tracer("b", trace), tracer("c", trace)], handler);
    await app(request({ target: "/" }));
    expectBytes(trace.join(", "), "a in, b in, c in, handler, c out, b out, a out", {
      rule: "compose([a, b, c], h) = a(b(c(h))): first in, last out",
      book: ONION,
    });
  });

  test("with no middleware it is the handler itself", async () => {
    const handler: Handler = () => text("bare");
    expect(compose([], handler)).toBe(handler);
  });

  test("a middleware may answer without calling next", async () => {
    const deny: Middleware = () => () => text("denied", { status: 403 });
    let called = false;
    const app = compose([deny], () => {
      called = true;
      return text("secret");
    });
    const response = await app(request({ target: "/" }));
    expect([response.status, called]).toEqual([403, false]);
  });

  test("a middleware may rewrite the response on the way out", async () => {
    const stamp: Middleware = (next) => async (req) => {
      const res = await next(req);
      return { ...res, headers: [...(res.headers ?? []), ["x-stamp", "1"] as const] };
    };
    const app = compose([stamp], () => text("body"));
    expect(await render(await app(request({ target: "/" })))).toContain("x-stamp: 1");
  });
});

describe("router.use", () => {
  test("wraps every route, in the order added, and sees 404s as responses", async () => {
    const trace: string[] = [];
    const seen: number[] = [];
    const statuses: Middleware = (next) => async (req) => {
      const res = await next(req);
      seen.push(res.status);
      return res;
    };
    const router = new Router({ logger: memoryLogger() })
      .use(tracer("outer", trace))
      .use(statuses)
      .get("/x", () => text("x"));
    await router.handle(request({ target: "/x" }));
    await router.handle(request({ target: "/missing" }));
    expect(trace).toEqual(["outer in", "outer out", "outer in", "outer out"]);
    expectTrue(seen.join() === "200,404", `middleware saw statuses ${seen.join()}`, {
      rule: "errors become responses inside the middleware, so a logger sees every 404",
      book: ONION,
    });
  });
});

describe("errors", () => {
  test("a thrown Error becomes a 500 with an error id, logged, and no stack", async () => {
    const logger = memoryLogger();
    const router = new Router({ logger }).get("/boom", () => {
      throw new Error("database password is hunter2");
    });
    const response = await router.handle(request({ target: "/boom" }));
    const body = await bodyText(response);
    const id = /error id ([0-9a-f]{8})/.exec(body)?.[1];
    expectTrue(response.status === 500 && id !== undefined, `got ${response.status}: ${body}`, {
      rule: "an unexpected error is a 500 whose body carries an error id",
      book: ERRORS,
    });
    expectTrue(!body.includes("hunter2") && !body.includes(" at "), `leaked: ${body}`, {
      rule: "never send an exception's message or stack trace to the client",
      book: ERRORS,
    });
    const [event] = logger.events;
    expect(event).toMatchObject({ errorId: id, status: 500, method: "GET", target: "/boom" });
    expect(String(event?.error)).toContain("hunter2"); // the log keeps the detail
  });

  test("a rejected promise is caught the same way", async () => {
    const logger = memoryLogger();
    const router = new Router({ logger }).get("/later", async () => {
      await Promise.resolve();
      throw new TypeError("undefined is not a function");
    });
    const response = await router.handle(request({ target: "/later" }));
    expect(response.status).toBe(500);
    expect(logger.events).toHaveLength(1);
  });

  test("two failures get two different error ids", async () => {
    const router = new Router({ logger: memoryLogger() }).get("/boom", () => {
      throw new Error("x");
    });
    const a = await bodyText(await router.handle(request({ target: "/boom" })));
    const b = await bodyText(await router.handle(request({ target: "/boom" })));
    expect(a).not.toBe(b);
  });

  test("an HttpError keeps its status, code, message and headers", async () => {
    const router = new Router({ logger: memoryLogger() }).get("/teapot", () => {
      throw new HttpError({ status: 409, code: "ALREADY_BREWING" }, "the pot is busy", {
        headers: [["retry-after", "5"]],
      });
    });
    const response = await router.handle(request({ target: "/teapot" }));
    expectBytes(
      await render(response),
      "409\r\ncontent-type: text/plain; charset=utf-8\r\nretry-after: 5\r\n\r\n" +
        "ALREADY_BREWING: the pot is busy\n",
      { rule: "an HttpError is an answer the application chose", book: ERRORS },
    );
  });

  test("a 5xx HttpError hides its message and gets an error id", async () => {
    const logger = memoryLogger();
    const router = new Router({ logger }).get("/down", () => {
      throw new HttpError({ status: 503, code: "DB_DOWN" }, "replica db-3 unreachable");
    });
    const body = await bodyText(await router.handle(request({ target: "/down" })));
    expect(body).toMatch(/^DB_DOWN: Service Unavailable; error id [0-9a-f]{8}\n$/);
    expect(logger.events[0]).toMatchObject({ status: 503, code: "DB_DOWN" });
  });

  test("a client that accepts JSON gets the error as JSON", async () => {
    const router = new Router();
    const response = await router.handle(
      request({ target: "/nope", headers: { accept: "application/json" } }),
    );
    expect(JSON.parse(await bodyText(response))).toEqual({
      error: { status: 404, code: "ROUTE_NOT_FOUND", message: "no route for GET /nope" },
    });
  });

  test("a middleware that throws is caught by the outer boundary", async () => {
    const router = new Router({ logger: memoryLogger() })
      .use(() => () => {
        throw new HttpError({ status: 401, code: "NO_TOKEN" }, "sign in first");
      })
      .get("/x", () => text("x"));
    const response = await router.handle(request({ target: "/x" }));
    expect([response.status, await bodyText(response)]).toEqual([401, "NO_TOKEN: sign in first\n"]);
  });

  test("a synchronous answer stays synchronous through the boundary", () => {
    const guarded = errorBoundary(memoryLogger())(() => text("now"));
    expect(guarded(request({ target: "/" }))).not.toBeInstanceOf(Promise);
  });

  test("HttpError refuses a status that is not an error", () => {
    expect(() => new HttpError({ status: 200, code: "OK" }, "fine")).toThrow(RangeError);
  });
});
