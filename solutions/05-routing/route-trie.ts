/**
 * A segment trie: the router's index of routes.
 *
 * Each node stands for a path prefix and has up to three kinds of child:
 * static children by exact segment, one param child (`:name`) and one
 * wildcard (`*`). Matching walks one node per segment, so its cost follows
 * the length of the path, not the number of routes, as a list of regular
 * expressions tried in turn would.
 *
 * Precedence, at every segment: static, then param, then wildcard. When a
 * more specific branch dead-ends deeper down, the walk backs up and tries
 * the next kind, so `/users/new/posts` can still reach `/users/:id/posts`.
 */
import { routeFor } from "./allow.ts";
import { formatPattern, type PatternSegment } from "./route-pattern.ts";

/** What a path + method leads to: the value and the param names, in order. */
export interface Route<T> {
  readonly value: T;
  /** One name per param or wildcard in the pattern, left to right. */
  readonly names: readonly string[];
}

export interface TrieNode<T> {
  readonly statics: Map<string, TrieNode<T>>;
  param: TrieNode<T> | undefined;
  wildcard: TrieNode<T> | undefined;
  /** Routes that end at this node, by method. */
  readonly routes: Map<string, Route<T>>;
}

export type TrieMatch<T> =
  | {
      readonly kind: "found";
      readonly value: T;
      readonly params: Readonly<Record<string, string>>;
    }
  /** Some route matches the path, none the method (→ 405, or OPTIONS). */
  | { readonly kind: "wrong-method"; readonly methods: ReadonlySet<string> }
  | { readonly kind: "none" };

const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});
const NO_MATCH: TrieMatch<never> = Object.freeze({ kind: "none" });

export function createNode<T>(): TrieNode<T> {
  return {
    statics: new Map(),
    param: undefined,
    wildcard: undefined,
    routes: new Map(),
  };
}

/**
 * Params as an object with no prototype, so `:__proto__` is just a name.
 *
 * @exercise
 * @hint nudge: names come from the pattern, values from the path, in the same
 *   order.
 * @hint concept: no names means the shared empty object; otherwise build an
 *   object without a prototype (Object.create(null)), so a parameter named
 *   __proto__ or constructor is just a key.
 * @hint solution: no names: the shared NO_PARAMS. Otherwise an object made with
 *   no prototype, given each name its value at the same position.
 */
function toParams(
  names: readonly string[],
  values: readonly string[],
): Record<string, string> {
  if (names.length === 0) return NO_PARAMS;
  const params: Record<string, string> = Object.create(null);
  for (let i = 0; i < names.length; i++)
    params[names[i] as string] = values[i] as string;
  return params;
}

/** Scratch for one match: what is being matched and what was found. */
export interface MatchState {
  readonly segments: readonly string[];
  readonly method: string;
  /** Captured param and wildcard values, in pattern order. */
  readonly values: string[];
  /** Methods of routes whose path matched but method did not (for 405). */
  seen: Set<string> | undefined;
}

/**
 * At the end of the path: the route for the method, or note the others.
 *
 * @exercise
 * @hint nudge: reaching the end of the path is not the same as finding a route:
 *   the method must match too.
 * @hint concept: ask routeFor for the method (HEAD falls back to GET); when
 *   there is no route but the node has routes for other methods, remember them
 *   all in state.seen: that is what makes a 405 with Allow instead of a 404
 *   (RFC 9110 §15.5.6).
 * @hint solution: ask routeFor for the state's method. Nothing found while the
 *   node has routes for other methods: make state.seen if it is not there yet
 *   and add each of those methods. Return what routeFor gave.
 */
function arrive<T>(node: TrieNode<T>, state: MatchState): Route<T> | undefined {
  const route = routeFor(node.routes, state.method);
  if (route === undefined && node.routes.size > 0) {
    state.seen ??= new Set();
    for (const method of node.routes.keys()) state.seen.add(method);
  }
  return route;
}

/**
 * The path from segment `i` on, or null if it holds an encoded "/".
 *
 * @exercise
 * @hint nudge: a wildcard captures the rest of the path as one string, rejoined
 *   with '/'.
 * @hint concept: a decoded segment that contains '/' came from %2F; rejoining
 *   it would change the path's shape, so such a path cannot match a wildcard.
 * @hint solution: a segment from i on that holds a "/" (it was %2F) means no
 *   rest: null. Otherwise the rest is the segments from i joined again with
 *   "/".
 */
function restOfPath(segments: readonly string[], i: number): string | null {
  for (let k = i; k < segments.length; k++) {
    if ((segments[k] as string).includes("/")) return null;
  }
  return segments.slice(i).join("/");
}

/**
 * Find the route for `state.segments[i..]` below `node`: try the static
 * child, then the param child (never for an empty segment), then the
 * wildcard, backing up when a branch dead-ends. Captured values are pushed
 * on `state.values` on the way down and popped on the way back up.
 *
 * @exercise
 * @hint nudge: at each segment there can be up to three ways forward; the first
 *   that leads to a route wins.
 * @hint concept: depth-first search in precedence order (static, param,
 *   wildcard). Push a captured value before descending and pop it when that
 *   branch fails. At the end of the path, arrive() picks the method's route.
 * @hint solution: at the end of the segments, arrive. Else try the static
 *   child; then, for a non-empty segment, push it, try the param child, pop on
 *   failure; then a wildcard child with a restOfPath: push the rest, arrive,
 *   pop on failure.
 */
export function findRoute<T>(
  node: TrieNode<T>,
  i: number,
  state: MatchState,
): Route<T> | undefined {
  const { segments, values } = state;
  if (i === segments.length) return arrive(node, state);
  const segment = segments[i] as string;
  const child = node.statics.get(segment);
  if (child !== undefined) {
    const byStatic = findRoute(child, i + 1, state);
    if (byStatic !== undefined) return byStatic;
  }
  if (node.param !== undefined && segment !== "") {
    values.push(segment);
    const byParam = findRoute(node.param, i + 1, state);
    if (byParam !== undefined) return byParam;
    values.pop();
  }
  if (node.wildcard === undefined) return undefined;
  const rest = restOfPath(segments, i);
  if (rest === null) return undefined;
  values.push(rest);
  const byWildcard = arrive(node.wildcard, state);
  if (byWildcard === undefined) values.pop();
  return byWildcard;
}

/** An all-static pattern's path, and its routes by method. */
type ExactEntry<T> = readonly [
  path: string,
  routes: ReadonlyMap<string, Route<T>>,
];

export class RouteTrie<T> {
  readonly #root: TrieNode<T> = createNode();
  readonly #methods = new Set<string>();
  /**
   * Routes whose pattern is all static, by path, in buckets by the path's
   * length: no walk. Not a Map: a request's path is a new string every
   * time, and hashing it costs more than comparing it with the one or two
   * patterns of its length.
   */
  readonly #exact: ExactEntry<T>[][] = [];

  /** Every method some route answers: for `OPTIONS *`. */
  get methods(): ReadonlySet<string> {
    return this.#methods;
  }

  /**
   * Add a route: walk the pattern from the root, creating the node for
   * each segment on the way, and store the route under `method` at the
   * last one. Registering the same method and path twice is a mistake in
   * the application, so it throws.
   *
   * @exercise
   * @hint nudge: a pattern is a path through the tree; make each step exist,
   *   then store at the end.
   * @hint concept: static segments live in node.statics by value; a param or
   *   wildcard is the node's single param/wildcard child. Param names go in the
   *   route, not the node, so `/a/:id` and `/a/:name/b` can share a node.
   * @hint solution: walk from the root creating children (a static per value,
   *   one param, one wildcard), collecting capture names. At the end refuse a
   *   method registered with another shape; store the route, note the method,
   *   and index an all-static pattern without a `%` in the exact map.
   */
  insert(pattern: readonly PatternSegment[], method: string, value: T): void {
    let node = this.#root;
    const names: string[] = [];
    for (const segment of pattern) {
      if (segment.kind === "static") {
        let child = node.statics.get(segment.value);
        if (child === undefined) {
          child = createNode();
          node.statics.set(segment.value, child);
        }
        node = child;
      } else if (segment.kind === "param") {
        node.param ??= createNode();
        node = node.param;
        names.push(segment.name);
      } else {
        node.wildcard ??= createNode();
        node = node.wildcard;
        names.push(segment.name);
      }
    }
    const path = formatPattern(pattern);
    if (node.routes.has(method)) {
      throw new Error(`route registered twice: ${method} ${path}`);
    }
    node.routes.set(method, { value, names });
    this.#methods.add(method);
    // A raw request path with `%` in it is still encoded, so it cannot be
    // this key: such a pattern is found by the walk, on decoded segments.
    if (names.length === 0 && !path.includes("%")) {
      this.#exact[path.length] ??= [];
      const bucket = this.#exact[path.length] as ExactEntry<T>[];
      if (!bucket.some(([key]) => key === path))
        bucket.push([path, node.routes]);
    }
  }

  /**
   * The shortcut: the route whose pattern is exactly this path, if it
   * answers the method. No key has a `%` (see insert), so a path that is
   * still percent-encoded misses here and is decoded for the walk. Static
   * beats param at every segment, so when this finds a route the walk
   * would have found the same.
   *
   * @exercise
   * @hint nudge: insert already indexed every all-static pattern by its
   *   path and that path's length; this is a search of one short bucket.
   * @hint concept: the bucket for the path's length holds [path, routes]
   *   pairs; the pair whose path equals the request's gives one node's routes,
   *   and routeFor picks the method's (a GET route answers HEAD, RFC 9110
   *   §9.3.2). Nothing found is undefined: the router then walks the trie.
   * @hint solution: take the bucket at the path's length (none: undefined);
   *   loop over it; for the pair whose path equals this one, ask routeFor for
   *   the method and answer the value of what it finds, if anything. No pair
   *   matched: undefined.
   */
  exact(path: string, method: string): T | undefined {
    const bucket = this.#exact[path.length];
    if (bucket === undefined) return undefined;
    for (let i = 0; i < bucket.length; i++) {
      const entry = bucket[i] as ExactEntry<T>;
      if (entry[0] === path) return routeFor(entry[1], method)?.value;
    }
    return undefined;
  }

  /**
   * The route for decoded path segments and a method; see findRoute.
   *
   * @exercise
   * @hint nudge: match is findRoute from the root, plus turning what it found
   *   into one of three answers.
   * @hint concept: start a fresh MatchState; a route found becomes found with
   *   its params (names from the route, values captured on the way); no route
   *   but methods seen is wrong-method with them; else none.
   * @hint solution: start a MatchState with the segments, the method, no values
   *   and nothing seen, and run findRoute from the root at 0. A route becomes
   *   found with toParams of its names and the captured values; otherwise
   *   methods seen make wrong-method, and nothing seen is NO_MATCH.
   */
  match(segments: readonly string[], method: string): TrieMatch<T> {
    const state: MatchState = { segments, method, values: [], seen: undefined };
    const route = findRoute(this.#root, 0, state);
    if (route !== undefined) {
      const params = toParams(route.names, state.values);
      return { kind: "found", value: route.value, params };
    }
    const methods = state.seen;
    return methods === undefined ? NO_MATCH : { kind: "wrong-method", methods };
  }
}
