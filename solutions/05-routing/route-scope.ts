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
   * @hint nudge: registering is three steps: check, place under the mount,
   *   insert.
   * @hint concept: a method is a token (RFC 9110 §9.1; METHOD_TOKEN), else
   *   SyntaxError. Join the scope's prefix with the pattern, parse it, insert
   *   it in the trie with the method and handler, and return this so calls
   *   chain.
   * @hint solution: a method METHOD_TOKEN refuses throws a SyntaxError naming
   *   it. Otherwise join the scope's prefix with the pattern (joinPatterns),
   *   parse the result with parsePattern, insert it in the trie with the method
   *   and the handler, and return the scope itself.
   */
  on(method: string, pattern: string, handler: RouteHandler): this {
    if (!METHOD_TOKEN.test(method)) {
      throw new SyntaxError(`not a method token: ${method}`);
    }
    const full = joinPatterns(this.#prefix, pattern);
    this.#trie.insert(parsePattern(full), method, handler);
    return this;
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
   * @hint nudge: a plugin registers its routes through the scope it is
   *   given; give it one that knows where it lives.
   * @hint concept: a prefix is an absolute path (RFC 3986 §3.3: it starts with
   *   "/"), else SyntaxError. The new scope shares this trie, so a mounted
   *   route is an ordinary one, and joins its prefix onto this scope's, so
   *   mounts inside mounts add up.
   * @hint solution: refuse a prefix without a leading slash; call the plugin
   *   with a new RouteScope over the same trie, whose prefix is joinPatterns
   *   of this scope's prefix and the given one; return this scope.
   */
  mount(prefix: string, plugin: Plugin): this {
    if (!prefix.startsWith("/"))
      throw new SyntaxError(`mount prefix must start with "/": ${prefix}`);
    plugin(new RouteScope(this.#trie, joinPatterns(this.#prefix, prefix)));
    return this;
  }
}
