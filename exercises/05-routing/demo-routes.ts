/**
 * The demo routes, now registered through the router: what `npm start`
 * answers besides the book, and what the benchmarks hit.
 *
 *     GET /hello              "hello world", text/plain (the benchmark)
 *     * /echo, /echo/*        the request reflected as JSON
 *     GET /api/time           the server's clock, as JSON
 *     POST /api/echo-json     a JSON body parsed and sent back
 *
 * Each group is a Plugin, so a server mounts the ones it wants where it
 * wants them, and an application adds its own the same way.
 */
import { Buffer } from "node:buffer";
import type { HttpResponse } from "#ch03/message.ts";
import { constant } from "./answer-memo.ts";
import { HttpError } from "./http-error.ts";
import type { RequestView } from "./request-view.ts";
import { json } from "./response.ts";
import type { Plugin } from "./route-scope.ts";

/**
 * Allocated once and deeply frozen: the benchmark path builds nothing per
 * request, and chapter 03 reuses its encoded bytes (response-cache.ts).
 */
const HELLO: HttpResponse = Object.freeze({
  status: 200,
  headers: Object.freeze([
    Object.freeze(["content-type", "text/plain"] as const),
  ]),
  body: "hello world",
});

/** The methods `/echo` answers: every method that may carry a body, and GET. */
const ECHO_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

type EchoedBody = { body: string } | { bodyBase64: string };

/** The body as text when it is UTF-8, as base64 when it is not. */
function describeBody(bytes: Uint8Array): EchoedBody {
  try {
    return { body: strictUtf8.decode(bytes) };
  } catch {
    return { bodyBase64: Buffer.from(bytes).toString("base64") };
  }
}

async function echo(request: RequestView): Promise<HttpResponse> {
  const { method, target, version, headers, params } = request;
  const body = describeBody(await request.bytes());
  // Decoded for people reading the echo; request.path keeps "%2F" and the like.
  const path = request.decodedPath;
  return json({ method, target, version, path, params, headers, ...body });
}

/** GET /hello: the cheapest response there is. */
export const helloRoutes: Plugin = (routes) => {
  // constant(): the same answer whatever the request, so the server may
  // keep the whole chain's answer for it (answer-memo.ts).
  routes.get("/hello", constant(HELLO));
};

/** /echo and /echo/*, for every common method. */
export const echoRoutes: Plugin = (routes) => {
  for (const method of ECHO_METHODS) {
    routes.on(method, "/echo", echo).on(method, "/echo/*", echo);
  }
};

/** A small JSON API, mounted under a prefix of the server's choosing. */
export const apiRoutes: Plugin = (routes) => {
  routes
    .get("/time", () => json({ now: new Date().toISOString() }))
    .post("/echo-json", async (request) => {
      const value = await request.json();
      if (value === null || typeof value !== "object") {
        const notAnObject = { status: 422, code: "NOT_AN_OBJECT" };
        throw new HttpError(notAnObject, "send a JSON object or array");
      }
      return json({ received: value });
    });
};
