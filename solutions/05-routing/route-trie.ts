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

export function createNode<T>(): TrieNode<T> {
  return { statics: new Map(), param: undefined, wildcard: undefined, routes: new Map() };
}

/** Params as an object with no prototype, so `:__proto__` is just a name. */
function toParams(names: readonly string[], values: readonly string[]): Record<string, string> {
  if (names.length === 0) return NO_PARAMS;
  const params: Record<string, string> = Object.create(null);
  names.forEach((name, i) => {
    params[name] = values[i] as string;
  });
  return params;
}

export class RouteTrie<T> {
  readonly #root: TrieNode<T> = createNode();
  readonly #methods = new Set<string>();

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
   * @hint nudge: a pattern is a path through the tree; make each step exist, then store at the end.
   * @hint concept: static segments live in node.statics by value; a param or wildcard is the node's single param/wildcard child. Param names go in the route, not the node, so `/a/:id` and `/a/:name/b` can share a node.
   * @hint solution: let node = root; for each segment: static → node.statics.get(v) ?? create and set; param → node.param ??= createNode(); wildcard → node.wildcard ??= createNode(); collect names. Throw if node.routes.has(method); else node.routes.set(method, { value, names }).
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
    if (node.routes.has(method)) {
      throw new Error(`route registered twice: ${method} ${formatPattern(pattern)}`);
    }
    node.routes.set(method, { value, names });
    this.#methods.add(method);
  }

  /**
   * Find the route for decoded path segments and a method, trying static,
   * then param, then wildcard children at each segment and backing up on a
   * dead end. A param never matches an empty segment. A wildcard takes the
   * rest of the path, joined with "/", unless a segment in it held an
   * encoded slash (that would be indistinguishable from a real one).
   *
   * @exercise
   * @hint nudge: at each segment there can be up to three ways forward; the first that leads to a route wins.
   * @hint concept: depth-first search in precedence order (static, param, wildcard) with a stack of captured values you push before descending and pop when backing up. Remember every method you saw on a matching path, for the 405.
   * @hint solution: write walk(node, i): if i === segments.length, check routeFor(node.routes, method), else record node.routes' keys. Otherwise try node.statics.get(seg), then node.param (seg !== "", push/pop seg), then node.wildcard with the tail joined by "/". Return found/wrong-method/none.
   */
  match(segments: readonly string[], method: string): TrieMatch<T> {
    const values: string[] = [];
    const seen = new Set<string>();
    const arrive = (node: TrieNode<T>): Route<T> | undefined => {
      const route = routeFor(node.routes, method);
      if (route === undefined) for (const m of node.routes.keys()) seen.add(m);
      return route;
    };
    const walk = (node: TrieNode<T>, i: number): Route<T> | undefined => {
      if (i === segments.length) return arrive(node);
      const segment = segments[i] as string;
      const child = node.statics.get(segment);
      const found = child === undefined ? undefined : walk(child, i + 1);
      if (found !== undefined) return found;
      if (node.param !== undefined && segment !== "") {
        values.push(segment);
        const byParam = walk(node.param, i + 1);
        if (byParam !== undefined) return byParam;
        values.pop();
      }
      if (node.wildcard === undefined) return undefined;
      const tail = segments.slice(i);
      if (tail.some((s) => s.includes("/"))) return undefined;
      values.push(tail.join("/"));
      const byWildcard = arrive(node.wildcard);
      if (byWildcard === undefined) values.pop();
      return byWildcard;
    };
    const route = walk(this.#root, 0);
    if (route !== undefined) {
      return { kind: "found", value: route.value, params: toParams(route.names, values) };
    }
    return seen.size > 0 ? { kind: "wrong-method", methods: seen } : { kind: "none" };
  }
}
