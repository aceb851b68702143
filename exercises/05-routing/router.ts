// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
   */
  use(middleware: Middleware): this {
    throw new NotImplemented({
      chapter: "05",
      name: "Router.use",
      file: "exercises/05-routing/router.ts",
      hint: "the pipeline is built once, not per request: a new layer means a new pipeline.",
    });
  }

  /**
   * The pipeline: dispatch inside the middleware, with an error boundary
   * on each side of it (see the file's comment for why two).
   *
   * @exercise
   */
  #build(): Handler {
    throw new NotImplemented({
      chapter: "05",
      name: "Router.#build",
      file: "exercises/05-routing/router.ts",
      hint: "a thrown 404 should look like an ordinary response to a logging middleware, and a middleware that throws still needs an answer.",
    });
  }

  /**
   * Routes on `request.path`, which the connection parsed once (chapter
   * 02's splitTarget): "/..." for origin- and absolute-form, "*" for
   * asterisk-form, "" for CONNECT's authority-form.
   *
   * @exercise
   */
  #dispatch(request: HttpRequest): Answer {
    throw new NotImplemented({
      chapter: "05",
      name: "Router.#dispatch",
      file: "exercises/05-routing/router.ts",
      hint: "the connection already took the target apart; its path's first character tells you which form it was.",
    });
  }

  /**
   * A path-form target: the exact map, else the trie; 404, 405 or the route.
   *
   * @exercise
   */
  #route(request: HttpRequest, path: string): Answer {
    throw new NotImplemented({
      chapter: "05",
      name: "Router.#route",
      file: "exercises/05-routing/router.ts",
      hint: "most requests in real traffic hit all-static paths: try the cheap lookup first.",
    });
  }

  /**
   * OPTIONS on a known path answers itself; any other method is a 405.
   *
   * @exercise
   */
  #wrongMethod(method: string, path: string, allow: string): HttpResponse {
    throw new NotImplemented({
      chapter: "05",
      name: "Router.#wrongMethod",
      file: "exercises/05-routing/router.ts",
      hint: "the path exists; the method does not. One method is special.",
    });
  }

  /**
   * `OPTIONS *` asks about the server as a whole (RFC 9110 §9.3.7).
   *
   * @exercise
   */
  #asterisk(request: HttpRequest): HttpResponse {
    throw new NotImplemented({
      chapter: "05",
      name: "Router.#asterisk",
      file: "exercises/05-routing/router.ts",
      hint: "'*' is a target only OPTIONS may use.",
    });
  }

  /**
   * No route has this path: the fallback handler, else 404.
   *
   * @exercise
   */
  #notFound(request: HttpRequest, path: string): Answer {
    throw new NotImplemented({
      chapter: "05",
      name: "Router.#notFound",
      file: "exercises/05-routing/router.ts",
      hint: "a router can hand its misses to someone else (static files, chapter 06).",
    });
  }
}
