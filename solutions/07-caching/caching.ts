/**
 * The chapter's pieces in the order they must run, as one middleware:
 *
 *     conditional ─▶ response cache ─▶ Cache-Control policy ─▶ handler
 *
 * Conditional requests sit outermost so that a cache hit, too, becomes a
 * 304 when the client's copy is current. The policy sits innermost so the
 * cache obeys the same Cache-Control the browser will see.
 *
 * Middleware whose output should be stored goes between the cache and the
 * policy (`beneath`): chapter 08's compression, so each coding of a
 * response is compressed once and then served from memory.
 *
 *     conditional ─▶ cache ─▶ beneath (compression) ─▶ policy ─▶ handler
 */
import type { HttpRequest } from "#ch03/message.ts";
import { cacheControlPolicy, type CachePolicyRules } from "./cache-policy.ts";
import {
  conditional,
  type ConditionalOptions,
  hasPreconditions,
  PRECONDITION_FIELDS,
} from "./conditional.ts";
import type { Dependence } from "#ch05/answer-memo.ts";
import { compose, type Middleware } from "#ch05/middleware.ts";
import { ResponseCache, type ResponseCacheOptions } from "./response-cache.ts";

/**
 * The book's defaults: content-hashed assets never change, so browsers
 * may keep them a year without asking (RFC 8246 immutable); HTML pages
 * name those assets, so they must be revalidated on every use.
 */
export const BOOK_CACHE_POLICY: CachePolicyRules = [
  ["/assets/*", "public, max-age=31536000, immutable"],
  ["*.html", "no-cache"],
  ["*/", "no-cache"],
];

/** Dynamic responses under this prefix may be cached in memory. */
export const CACHED_PREFIX = "/api/";

export interface CachingOptions {
  readonly policy?: CachePolicyRules;
  readonly cache?: ResponseCacheOptions;
  readonly conditional?: ConditionalOptions;
}

/** True for requests under CACHED_PREFIX (the path is parsed once, by ch03). */
export function isApiRequest(request: HttpRequest): boolean {
  return request.path.startsWith(CACHED_PREFIX);
}

/**
 * Builds the chapter's middleware and the cache behind it. By default
 * the cache handles only `/api/` and stores only responses that state
 * their own freshness (defaultTtlSeconds 0): a route opts in with
 * Cache-Control, so nothing is cached that its author did not mean.
 */
export function caching(options: CachingOptions = {}): {
  readonly middleware: Middleware;
  readonly cache: ResponseCache;
  /** The same chain with `beneath` between the cache and the policy. */
  readonly around: (beneath: readonly Middleware[]) => Middleware;
  /**
   * What the chain's answer depends on (chapter 05's answer memo): the
   * preconditions, and the cache itself (a store, and a clock) for every
   * request it applies to. The policy reads only the path.
   */
  readonly depends: Dependence;
} {
  const applies = options.cache?.applies ?? isApiRequest;
  const cache = new ResponseCache({
    defaultTtlSeconds: 0,
    ...options.cache,
    applies,
  });
  const policy = cacheControlPolicy(options.policy ?? BOOK_CACHE_POLICY);
  const guard = conditional(options.conditional);
  const around =
    (beneath: readonly Middleware[]): Middleware =>
    (next) => {
      const inner = compose(beneath, policy(next));
      const full = guard(cache.middleware(inner));
      // Decided once per request, here: a request outside the cache's
      // paths and without preconditions has nothing for the two outer
      // layers to do, so it does not pass through them.
      return (request) =>
        applies(request) || hasPreconditions(request.headers)
          ? full(request)
          : inner(request);
    };
  const depends: Dependence = { fields: PRECONDITION_FIELDS, varies: applies };
  return { cache, middleware: around([]), around, depends };
}
