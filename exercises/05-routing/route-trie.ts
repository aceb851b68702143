// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
function toParams(
  names: readonly string[],
  values: readonly string[],
): Record<string, string> {
  throw new NotImplemented({
    chapter: "05",
    name: "toParams",
    file: "exercises/05-routing/route-trie.ts",
    hint: "names come from the pattern, values from the path, in the same order.",
  });
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
 */
function arrive<T>(node: TrieNode<T>, state: MatchState): Route<T> | undefined {
  throw new NotImplemented({
    chapter: "05",
    name: "arrive",
    file: "exercises/05-routing/route-trie.ts",
    hint: "reaching the end of the path is not the same as finding a route: the method must match too.",
  });
}

/**
 * The path from segment `i` on, or null if it holds an encoded "/".
 *
 * @exercise
 */
function restOfPath(segments: readonly string[], i: number): string | null {
  throw new NotImplemented({
    chapter: "05",
    name: "restOfPath",
    file: "exercises/05-routing/route-trie.ts",
    hint: "a wildcard captures the rest of the path as one string, rejoined with '/'.",
  });
}

/**
 * Find the route for `state.segments[i..]` below `node`: try the static
 * child, then the param child (never for an empty segment), then the
 * wildcard, backing up when a branch dead-ends. Captured values are pushed
 * on `state.values` on the way down and popped on the way back up.
 *
 * @exercise
 */
export function findRoute<T>(
  node: TrieNode<T>,
  i: number,
  state: MatchState,
): Route<T> | undefined {
  throw new NotImplemented({
    chapter: "05",
    name: "findRoute",
    file: "exercises/05-routing/route-trie.ts",
    hint: "at each segment there can be up to three ways forward; the first that leads to a route wins.",
  });
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
   */
  insert(pattern: readonly PatternSegment[], method: string, value: T): void {
    throw new NotImplemented({
      chapter: "05",
      name: "RouteTrie.insert",
      file: "exercises/05-routing/route-trie.ts",
      hint: "a pattern is a path through the tree; make each step exist, then store at the end.",
    });
  }

  /**
   * The shortcut: the route whose pattern is exactly this path, if it
   * answers the method. No key has a `%` (see insert), so a path that is
   * still percent-encoded misses here and is decoded for the walk. Static
   * beats param at every segment, so when this finds a route the walk
   * would have found the same.
   *
   * @exercise
   */
  exact(path: string, method: string): T | undefined {
    throw new NotImplemented({
      chapter: "05",
      name: "RouteTrie.exact",
      file: "exercises/05-routing/route-trie.ts",
      hint: "insert already indexed every all-static pattern by its path and that path's length; this is a search of one short bucket.",
    });
  }

  /**
   * The route for decoded path segments and a method; see findRoute.
   *
   * @exercise
   */
  match(segments: readonly string[], method: string): TrieMatch<T> {
    throw new NotImplemented({
      chapter: "05",
      name: "RouteTrie.match",
      file: "exercises/05-routing/route-trie.ts",
      hint: "match is findRoute from the root, plus turning what it found into one of three answers.",
    });
  }
}
