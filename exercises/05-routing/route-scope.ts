// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * The plugin seam: a place to register routes under a prefix.
 *
 * An application adds routes without touching the server by writing a
 * Plugin, a function that receives a RouteScope, and mounting it:
 * `router.mount("/api", api)`. Inside, `routes.get("/time", h)` registers
 * `/api/time`; the plugin never learns where it was mounted, so the same
 * plugin can serve `/api` in one server and `/v2` in another.
 */
import type { HttpResponse } from "#ch03/message.ts";
import type { RequestView } from "./request-view.ts";
import { joinPatterns, parsePattern } from "./route-pattern.ts";
import type { RouteTrie } from "./route-trie.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/** A handler for one route: it gets params and body readers as well. */
export type RouteHandler = (
  request: RequestView,
) => HttpResponse | Promise<HttpResponse>;

/** Registers routes; see RouteScope. */
export type Plugin = (routes: RouteScope) => void;

/** A method is a token (RFC 9110 §9.1, §5.6.2), compared case-sensitively. */
const METHOD_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export class RouteScope {
  readonly #trie: RouteTrie<RouteHandler>;
  readonly #prefix: string;

  constructor(trie: RouteTrie<RouteHandler>, prefix: string) {
    this.#trie = trie;
    this.#prefix = prefix;
  }

  /**
   * Register `handler` for `method` on `pattern` (relative to the mount).
   *
   * @exercise
   */
  on(method: string, pattern: string, handler: RouteHandler): this {
    throw new NotImplemented({
      chapter: "05",
      name: "RouteScope.on",
      file: "exercises/05-routing/route-scope.ts",
      hint: "registering is three steps: check, place under the mount, insert.",
    });
  }

  /** GET, and HEAD with it (RFC 9110 §9.3.2). */
  get(pattern: string, handler: RouteHandler): this {
    return this.on("GET", pattern, handler);
  }

  post(pattern: string, handler: RouteHandler): this {
    return this.on("POST", pattern, handler);
  }

  put(pattern: string, handler: RouteHandler): this {
    return this.on("PUT", pattern, handler);
  }

  patch(pattern: string, handler: RouteHandler): this {
    return this.on("PATCH", pattern, handler);
  }

  delete(pattern: string, handler: RouteHandler): this {
    return this.on("DELETE", pattern, handler);
  }

  /**
   * Let `plugin` register its routes under `prefix` (nested mounts add up).
   *
   * @exercise
   */
  mount(prefix: string, plugin: Plugin): this {
    throw new NotImplemented({
      chapter: "05",
      name: "RouteScope.mount",
      file: "exercises/05-routing/route-scope.ts",
      hint: "a plugin registers its routes through the scope it is given; give it one that knows where it lives.",
    });
  }
}
