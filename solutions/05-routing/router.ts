/**
 * The router: one Handler that sends each request to the route for its
 * method and path, and answers what no route does.
 *
 *     boundary ─► middleware… ─► boundary ─► dispatch
 *
 *     dispatch: request.path ── `*` ─► OPTIONS *: 204 + Allow, else 400
 *       "" (CONNECT's authority-form) ─► fallback, else 404
 *       exact static path with the method? ─► route handler
 *       split + decode the path ── bad ─► 400
 *       walk the trie ── found ─► route handler (RequestView)
 *         ── path only ─► OPTIONS: 204 + Allow, else 405 + Allow
 *         ── nothing ─► fallback handler, else 404
 *
 * Two error boundaries: the inner one lets middleware see every failure as
 * an ordinary response (a logger sees the 404); the outer one catches what
 * middleware itself throws, so a router without middleware has only one.
 */
import type {
  Handler,
  HeaderList,
  HttpRequest,
  HttpResponse,
} from "#ch03/message.ts";
import { allowHeader } from "./allow.ts";
import { type ConstantRoutes, constantAnswer } from "./answer-memo.ts";
import { DEFAULT_BODY_LIMIT } from "./body-reader.ts";
import { errorBoundary } from "./error-boundary.ts";
import { HttpError } from "./http-error.ts";
import { consoleLogger, type Logger } from "#ch03/logger.ts";
import { compose, type Middleware } from "./middleware.ts";
import { splitPath } from "./path-segments.ts";
import { RequestView, type RouteInfo } from "./request-view.ts";
import { type RouteHandler, RouteScope } from "./route-scope.ts";
import { RouteTrie } from "./route-trie.ts";

/** The trie, counting what is added to it (Router.revision). */
class CountingTrie<T> extends RouteTrie<T> {
  inserted = 0;

  override insert(
    pattern: Parameters<RouteTrie<T>["insert"]>[0],
    method: string,
    value: T,
  ): void {
    super.insert(pattern, method, value);
    this.inserted++;
  }
}

const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});

/** What an exact (all-static) route knows: no params; one record for all. */
const EXACT_ROUTE: RouteInfo = Object.freeze({ params: NO_PARAMS });

type Answer = HttpResponse | Promise<HttpResponse>;

export interface RouterOptions {
  /** Answers requests whose path no route matches; default: 404. */
  readonly fallback?: Handler;
  /** Where 500s are logged with their error id; default: stderr. */
  readonly logger?: Logger;
  /** Default limit for `bytes()`, `text()` and `json()`: DEFAULT_BODY_LIMIT. */
  readonly bodyLimit?: number;
}

export class Router extends RouteScope implements ConstantRoutes {
  readonly #trie: CountingTrie<RouteHandler>;
  readonly #options: RouterOptions;
  readonly #bodyLimit: number;
  readonly #middleware: Middleware[] = [];
  #pipeline: Handler;

  constructor(options: RouterOptions = {}) {
    const trie = new CountingTrie<RouteHandler>();
    super(trie, "");
    this.#trie = trie;
    this.#options = options;
    this.#bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
    this.#pipeline = this.#build();
  }

  /** The router as a Handler, for a connection or another middleware. */
  readonly handle: Handler = (request) => this.#pipeline(request);

  /** Grows with every route and middleware added (answer-memo.ts). */
  get revision(): number {
    return this.#trie.inserted + this.#middleware.length;
  }

  /**
   * The answer `handle` gives this request when its route was made with
   * constant() (answer-memo.ts), found the way #route finds it; undefined
   * for any other route, and for every route once the router has
   * middleware, which may answer otherwise.
   */
  constantAnswer(request: HttpRequest): HttpResponse | undefined {
    if (this.#middleware.length !== 0) return undefined;
    const { path } = request;
    if (!path.startsWith("/")) return undefined;
    return constantAnswer(this.#trie.exact(path, request.method));
  }

  /**
   * Add middleware; the first added is the outermost layer.
   *
   * @exercise
   * @hint nudge: the pipeline is built once, not per request: a new layer
   *   means a new pipeline.
   * @hint concept: keep the layers in the order they were added (the first
   *   is the outermost, as compose wraps them), rebuild the pipeline so the
   *   next request meets the new layer, and return the router so calls
   *   chain.
   * @hint solution: append the middleware to the router's list, replace the
   *   pipeline with a freshly built one, and hand back the router itself.
   */
  use(middleware: Middleware): this {
    this.#middleware.push(middleware);
    this.#pipeline = this.#build();
    return this;
  }

  /**
   * The pipeline: dispatch inside the middleware, with an error boundary
   * on each side of it (see the file's comment for why two).
   *
   * @exercise
   * @hint nudge: a thrown 404 should look like an ordinary response to a
   *   logging middleware, and a middleware that throws still needs an
   *   answer.
   * @hint concept: one errorBoundary (the options' logger, consoleLogger by
   *   default), used around dispatch, so middleware sees every failure as a
   *   response with its status (RFC 9110 §15), and around the composed layers
   *   for what they throw; with no middleware the inner one is enough.
   * @hint solution: make the boundary from the logger option; wrap a handler
   *   that calls #dispatch in it; with no middleware that is the pipeline;
   *   otherwise compose the middleware list around it and wrap the result in
   *   the same boundary once more before returning it.
   */
  #build(): Handler {
    const guard = errorBoundary(this.#options.logger ?? consoleLogger);
    const inner = guard((request) => this.#dispatch(request));
    // No layers: nothing between the boundaries, so one is enough (a
    // second would cost a call and a try on every request, for nothing).
    if (this.#middleware.length === 0) return inner;
    return guard(compose(this.#middleware, inner));
  }

  /**
   * Routes on `request.path`, which the connection parsed once (chapter
   * 02's splitTarget): "/..." for origin- and absolute-form, "*" for
   * asterisk-form, "" for CONNECT's authority-form.
   *
   * @exercise
   * @hint nudge: the connection already took the target apart; its path's
   *   first character tells you which form it was.
   * @hint concept: RFC 9112 §3.2: origin- and absolute-form arrive as a path
   *   starting with "/", which is routed; asterisk-form as "*" (§3.2.4);
   *   authority-form (CONNECT, §3.2.3) as the empty path, not ours: the
   *   fallback or 404. Anything else: 400.
   * @hint solution: look at the request's path. A leading slash goes to
   *   #route with that path; a lone asterisk to #asterisk; the empty path to
   *   #notFound with the raw target; anything else throws an HttpError with
   *   the BAD_REQUEST_TARGET code and a message naming the target.
   */
  #dispatch(request: HttpRequest): Answer {
    const { path } = request;
    if (path.startsWith("/")) return this.#route(request, path);
    if (path === "*") return this.#asterisk(request);
    if (path === "") return this.#notFound(request, request.target);
    const message = `cannot route target ${request.target}`;
    throw new HttpError("BAD_REQUEST_TARGET", message);
  }

  /**
   * A path-form target: the exact map, else the trie; 404, 405 or the route.
   *
   * @exercise
   * @hint nudge: most requests in real traffic hit all-static paths: try the
   *   cheap lookup first.
   * @hint concept: the path may hit the trie's exact map for the method (a
   *   RequestView with no params; an encoded path never does). Else split and
   *   decode (an HttpError is thrown) and walk the trie: none is not found,
   *   wrong-method goes to #wrongMethod with Allow, found gets its params.
   * @hint solution: ask the trie's exact map first: a handler found is called
   *   with a RequestView on EXACT_ROUTE. Else splitPath (an HttpError is
   *   thrown) and match in the trie: none goes to #notFound, wrong-method to
   *   #wrongMethod with allowHeader; found gets a view with its params.
   */
  #route(request: HttpRequest, path: string): Answer {
    const { method } = request;
    const limit = this.#bodyLimit;
    const exact = this.#trie.exact(path, method);
    if (exact !== undefined) {
      return exact(new RequestView(request, EXACT_ROUTE, limit));
    }
    const segments = splitPath(path);
    if (segments instanceof HttpError) throw segments;
    const match = this.#trie.match(segments, method);
    if (match.kind === "none") return this.#notFound(request, path);
    if (match.kind === "wrong-method") {
      return this.#wrongMethod(method, path, allowHeader(match.methods));
    }
    const { params } = match;
    const route = { segments, params };
    return match.value(new RequestView(request, route, limit));
  }

  /**
   * OPTIONS on a known path answers itself; any other method is a 405.
   *
   * @exercise
   * @hint nudge: the path exists; the method does not. One method is special.
   * @hint concept: OPTIONS on a known path answers itself: 204 with Allow (RFC
   *   9110 §9.3.7). Any other method is 405, which MUST carry Allow (§15.5.6):
   *   throw an HttpError METHOD_NOT_ALLOWED with the allow header.
   * @hint solution: make the allow header pair once; OPTIONS gets a 204
   *   carrying it; any other method throws an HttpError METHOD_NOT_ALLOWED with
   *   a message naming the method and path, and the allow header in its
   *   headers.
   */
  #wrongMethod(method: string, path: string, allow: string): HttpResponse {
    const headers: HeaderList = [["allow", allow]];
    if (method === "OPTIONS") return { status: 204, headers };
    const message = `${method} is not allowed on ${path}; use ${allow}`;
    throw new HttpError("METHOD_NOT_ALLOWED", message, { headers });
  }

  /**
   * `OPTIONS *` asks about the server as a whole (RFC 9110 §9.3.7).
   *
   * @exercise
   * @hint nudge: '*' is a target only OPTIONS may use.
   * @hint concept: RFC 9112 §3.2.4: the asterisk-form applies to the server as
   *   a whole and only to OPTIONS. Any other method is a bad target (400).
   *   OPTIONS * answers 204 with Allow listing every method any route has.
   * @hint solution: anything but OPTIONS throws an HttpError
   *   BAD_REQUEST_TARGET; OPTIONS gets a 204 whose allow header lists every
   *   method the trie knows (allowHeader of its methods).
   */
  #asterisk(request: HttpRequest): HttpResponse {
    if (request.method !== "OPTIONS") {
      const message = `"*" is only a target for OPTIONS`;
      throw new HttpError("BAD_REQUEST_TARGET", message);
    }
    const allow = allowHeader(this.#trie.methods);
    return { status: 204, headers: [["allow", allow]] };
  }

  /**
   * No route has this path: the fallback handler, else 404.
   *
   * @exercise
   * @hint nudge: a router can hand its misses to someone else (static files,
   *   chapter 06).
   * @hint concept: call the fallback handler when the options have one;
   *   otherwise throw ROUTE_NOT_FOUND (404) with a message naming the method
   *   and path.
   * @hint solution: a fallback handler in the options answers the request;
   *   without one, throw an HttpError ROUTE_NOT_FOUND whose message names the
   *   path.
   */
  #notFound(request: HttpRequest, path: string): Answer {
    const fallback = this.#options.fallback;
    if (fallback !== undefined) return fallback(request);
    const message = `no route for ${request.method} ${path}`;
    throw new HttpError("ROUTE_NOT_FOUND", message);
  }
}
