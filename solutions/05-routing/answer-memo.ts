/**
 * Deciding once per route: a constant route's final answer, kept.
 *
 * `GET /hello` answers the same frozen response whatever the request, and
 * every layer around it (static fallback, caching, compression, security
 * headers, Host check) answers it the same way each time too. Still each
 * layer looks at every request: the chain costs more than the route. When
 * every layer says, before any request, what its answer depends on, the
 * outermost one can keep the chain's answer for a request like the last
 * one and hand it back without asking the layers again:
 *
 *     layers declare ─► chain of declarations ─► memo around the top
 *       request like the last (method, target, authority, version,
 *       scheme), none of the declared fields, nothing that varies
 *         ─► the kept answer
 *       anything else ─► the layers, as always
 *
 * The contract is narrow on purpose. Only a route registered with
 * `constant()` is ever kept; the key holds everything a request line and
 * the connection say, so a layer declares only the request fields it
 * reads and the requests it answers from something outside the request
 * (a clock, a store, the files). A layer that wraps the handler without
 * declaring breaks the chain, and then nothing is kept: forgetting is
 * slower, never wrong. A layer that declares too little serves a wrong
 * answer silently, which is why tests compare every layer's answers with
 * the memo on and off (tests/05-routing/answer-memo.test.ts).
 */
import { isImmutableResponse } from "#ch03/encoded-response-cache.ts";
import { isThenable } from "#ch03/is-thenable.ts";
import type {
  Handler,
  HeaderList,
  HttpRequest,
  HttpResponse,
} from "#ch03/message.ts";
import type { RouteHandler } from "./route-scope.ts";

/** What one layer's answer depends on, beyond the answer beneath it. */
export interface Dependence {
  /** Request fields the layer reads, lower-case (RFC 9110 §5.1). */
  readonly fields: readonly string[];
  /**
   * True for a request the layer answers from something the request does
   * not say: a clock, a store, the file system, the client's address.
   * `constant` is the route's own answer. Absent: never.
   */
  readonly varies?: (request: HttpRequest, constant: HttpResponse) => boolean;
}

/** A layer that reads nothing beyond the request line and connection. */
export const READS_NOTHING: Dependence = Object.freeze({ fields: [] });

/** Several layers as one: every field any reads, varying if any varies. */
export function combined(layers: readonly Dependence[]): Dependence {
  const varies = layers.flatMap((layer) =>
    layer.varies === undefined ? [] : [layer.varies],
  );
  return Object.freeze({
    fields: layers.flatMap((layer) => layer.fields),
    ...(varies.length === 0
      ? {}
      : {
          varies: (request: HttpRequest, route: HttpResponse) =>
            varies.some((layer) => layer(request, route)),
        }),
  });
}

/** The answers of routes made with `constant()`, by their handler. */
const CONSTANTS = new WeakMap<RouteHandler, HttpResponse>();

/**
 * A route handler that answers `response` whatever the request: the one
 * kind of route whose answer the memo may keep. The response must be
 * deeply frozen (chapter 03's isImmutableResponse), so it cannot change.
 */
export function constant(response: HttpResponse): RouteHandler {
  if (!isImmutableResponse(response)) {
    throw new TypeError("constant(): the response must be deeply frozen");
  }
  const handler: RouteHandler = () => response;
  CONSTANTS.set(handler, response);
  return handler;
}

/** The answer of a handler made with `constant()`, else undefined. */
export function constantAnswer(
  handler: RouteHandler | undefined,
): HttpResponse | undefined {
  return handler === undefined ? undefined : CONSTANTS.get(handler);
}

/** What a router knows of its constant routes (chapter 05's Router). */
export interface ConstantRoutes {
  /**
   * The answer of the constant route for this method and path, if any
   * (none while the router has middleware of its own: its answer is then
   * the middleware's).
   */
  constantAnswer(request: HttpRequest): HttpResponse | undefined;
  /**
   * Grows whenever a route or a middleware is added: a kept answer is
   * used only while it is what it was, so nothing added later is hidden.
   */
  readonly revision: number;
}

/** What the memo compares: everything but the fields. */
interface Key {
  readonly method: string;
  readonly target: string;
  readonly authority: string;
  readonly version: string;
  readonly scheme: string;
  readonly secure: boolean;
}

function sameKey(request: HttpRequest, key: Key): boolean {
  return (
    request.target === key.target &&
    request.method === key.method &&
    request.authority === key.authority &&
    request.version === key.version &&
    request.scheme === key.scheme &&
    request.connection.secure === key.secure
  );
}

/** Longer names than this are looked for by a scan; none is so long. */
const TABLE_LENGTH = 64;

/**
 * The declared names by length. A request's fields are new strings each
 * time, and hashing one for a Set costs more than the rest of the memo:
 * most fields (host, user-agent, accept) have a length no declared name
 * has, and are passed over on that alone.
 */
type ByLength = readonly (readonly string[] | undefined)[];

/**
 * The table: at each length up to TABLE_LENGTH, the declared names that
 * long (each once); longer names share the last slot.
 *
 * @exercise
 * @hint nudge: one slot per length, most of them empty.
 * @hint concept: a name's slot is its length, capped at TABLE_LENGTH so the
 *   table stays small; a slot holds every distinct name that long.
 * @hint solution: a table of TABLE_LENGTH + 1 undefined slots; for each name,
 *   take the slot at min(length, TABLE_LENGTH), start it as an empty list if
 *   needed, and push the name unless it is already there.
 */
function byLength(fields: Iterable<string>): ByLength {
  const table: (string[] | undefined)[] = Array.from(
    { length: TABLE_LENGTH + 1 },
    () => undefined,
  );
  for (const name of fields) {
    const slot = Math.min(name.length, TABLE_LENGTH);
    const names = table[slot] ?? [];
    if (!names.includes(name)) names.push(name);
    table[slot] = names;
  }
  return table;
}

/**
 * Does the request carry a field some layer reads?
 *
 * @exercise
 * @hint nudge: a name whose length no declared name has cannot be one.
 * @hint concept: field names arrive lower-cased (chapter 02), so a declared
 *   name matches by equality; looking in the slot for its length first spares
 *   the comparison for most fields.
 * @hint solution: for each field, take the table's slot at min(name length,
 *   TABLE_LENGTH); true as soon as a slot includes the name; false after the
 *   last field.
 */
function readsAny(headers: HeaderList, table: ByLength): boolean {
  for (let i = 0; i < headers.length; i++) {
    const name = (headers[i] as readonly [string, string])[0];
    const names = table[Math.min(name.length, TABLE_LENGTH)];
    if (names?.includes(name)) return true;
  }
  return false;
}

/**
 * `handler` with its last kept answer in front. `routes` names a
 * request's constant route answer (undefined: not a constant route);
 * `layers` is what every layer between it and `handler` declared. A
 * `varies` is asked only when an answer is kept, so it may look only at
 * what the key holds, the declared fields and the route's answer. The
 * memo holds one answer, the last one kept, and takes a new one only
 * from a synchronous, deeply frozen answer to a request that no layer
 * reads a field of and none varies on.
 *
 * @exercise
 * @hint nudge: a hit must be a request the layers could not tell apart
 *   from the one whose answer was kept, on a router that has not changed.
 * @hint concept: the key is what the request line and connection say, and no
 *   declared field may be present. Keep only a synchronous, immutable answer
 *   (isImmutableResponse) for a constant route no layer varies on, and only
 *   if the router's revision held still while the chain answered.
 * @hint solution: once: combined(layers), byLength of its fields. Hit (same
 *   key and revision, readsAny false): the kept answer. Else note the revision,
 *   ask the handler; return a promise or a moved revision as is; keep key,
 *   answer and revision when keepable and immutable. Return the answer.
 */
export function answerMemo(
  handler: Handler,
  routes: ConstantRoutes,
  layers: readonly Dependence[],
): Handler {
  const chain = combined(layers);
  const fields = byLength(chain.fields);
  let key: Key | undefined;
  let kept: HttpResponse | undefined;
  let revision = routes.revision;
  // The route's constant answer when the chain's may be kept.
  const keepable = (request: HttpRequest): HttpResponse | undefined => {
    if (readsAny(request.headers, fields)) return undefined;
    const route = routes.constantAnswer(request);
    if (route === undefined) return undefined;
    return chain.varies?.(request, route) ? undefined : route;
  };
  return (request) => {
    if (
      key !== undefined &&
      sameKey(request, key) &&
      routes.revision === revision &&
      !readsAny(request.headers, fields)
    ) {
      return kept as HttpResponse;
    }
    const before = routes.revision;
    const answer = handler(request);
    if (isThenable<HttpResponse>(answer)) return answer;
    // Not when a route or middleware came while the chain answered.
    if (routes.revision !== before) return answer;
    const route = keepable(request);
    if (route !== undefined && isImmutableResponse(answer)) {
      const { method, target, authority, version, scheme } = request;
      const { secure } = request.connection;
      key = { method, target, authority, version, scheme, secure };
      kept = answer;
      revision = before;
    }
    return answer;
  };
}

/**
 * The declarations of one server's chain, from the router up. Each stage
 * that wraps the handler says so with `wrap(inner, outer, depends)`;
 * `serve(top)` walks from the top down and puts the memo around it only
 * if every step was declared and the walk reaches the router.
 */
export class AnswerChain {
  readonly #links = new Map<
    Handler,
    {
      readonly inner: Handler;
      readonly depends: Dependence | (() => Dependence | undefined);
    }
  >();

  constructor(
    private readonly base: Handler,
    private readonly routes: ConstantRoutes,
  ) {}

  /**
   * Declares `outer` as `inner` wrapped in a layer; returns `outer`. A
   * function is asked when the chain is walked, for a layer that learns
   * its own parts later (chapter 07's, with what goes beneath its cache);
   * undefined from it is a gap.
   */
  wrap(
    inner: Handler,
    outer: Handler,
    depends: Dependence | (() => Dependence | undefined),
  ): Handler {
    this.#links.set(outer, { inner, depends });
    return outer;
  }

  /**
   * What each layer from `top` down declared; undefined: a gap.
   *
   * @exercise
   * @hint nudge: follow the links from the top until the router.
   * @hint concept: each link names the handler it wraps and its declaration
   *   (or a function that gives one later). A handler with no link, or a
   *   function that gives undefined, is a layer nobody declared.
   * @hint solution: from top, while the handler is not the base: no link is
   *   undefined; resolve the declaration (call it if it is a function),
   *   undefined is undefined; collect it and step to the link's inner handler.
   *   Return what was collected, outermost first.
   */
  layers(top: Handler): Dependence[] | undefined {
    const found: Dependence[] = [];
    let handler = top;
    while (handler !== this.base) {
      const link = this.#links.get(handler);
      if (link === undefined) return undefined;
      const depends =
        typeof link.depends === "function" ? link.depends() : link.depends;
      if (depends === undefined) return undefined;
      found.push(depends);
      handler = link.inner;
    }
    return found;
  }

  /** `top` with the memo in front when the chain is declared throughout. */
  serve(top: Handler): Handler {
    const layers = this.layers(top);
    return layers === undefined ? top : answerMemo(top, this.routes, layers);
  }
}
