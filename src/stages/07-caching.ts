/**
 * Chapter 07's piece of the server: conditional requests, a Cache-Control
 * policy and an in-memory response cache around whatever handler the
 * earlier chapters installed (solutions/07-caching/caching.ts).
 *
 * The cache is published as `extensions.responseCache` so a later chapter
 * (17, metrics) can read its hit and miss counts, and chapter 08 can say
 * how Accept-Encoding is keyed. `extensions.beneathCache` is where a later
 * chapter puts middleware whose output the cache should store (chapter
 * 08's compression: each coding compressed once, then served from memory).
 * The chain is built on the first request, when every stage has applied.
 */
import type { Handler } from "#ch03/message.ts";
import { combined, type Dependence } from "#ch05/answer-memo.ts";
import type { Middleware } from "#ch05/middleware.ts";
import { caching } from "#ch07/caching.ts";
import type { ResponseCache } from "#ch07/response-cache.ts";
import type { Stage } from "./stage.ts";

export interface MiddlewareRegistry {
  /**
   * Adds a layer; the first added is the outermost. Before serving only.
   * `depends` is what its answer depends on (chapter 05's answer memo);
   * without it no answer of the chain is kept.
   */
  add(middleware: Middleware, depends?: Dependence): void;
}

declare module "./stage.ts" {
  interface StageExtensions {
    handler: Handler;
    responseCache: ResponseCache;
    /** Middleware run beneath the response cache (its output is stored). */
    beneathCache: MiddlewareRegistry;
  }
}

export const stage: Stage = {
  chapter: 7,
  slug: "07-caching",
  apply: (plan) => {
    const inner = plan.extensions.handler;
    if (inner === undefined) return plan;
    const { around, cache, depends } = caching();
    const beneath: Middleware[] = [];
    // What the layers beneath the cache declared; undefined once one has not.
    let beneathDepends: Dependence[] | undefined = [];
    let built: Handler | undefined;
    const beneathCache: MiddlewareRegistry = {
      add: (middleware, declared) => {
        if (built !== undefined) throw new Error("beneathCache.add after the first request");
        beneath.push(middleware);
        beneathDepends = declared === undefined ? undefined : beneathDepends?.concat(declared);
      },
    };
    const handler: Handler = (request) => {
      built ??= around(beneath)(inner);
      return built(request);
    };
    plan.extensions.answers?.wrap(inner, handler, () =>
      beneathDepends === undefined ? undefined : combined([depends, ...beneathDepends]),
    );
    const extensions = {
      ...plan.extensions,
      handler,
      responseCache: cache,
      beneathCache,
    };
    return {
      ...plan,
      extensions,
      banner: [
        ...plan.banner,
        "caching: 304 on ETag/Last-Modified, Cache-Control by path,",
        "         /api/ responses cached in memory",
        "try: curl -si -z 'Thu, 01 Jan 2099 00:00:00 GMT' http://{origin}/",
      ],
    };
  },
};
