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
import type { Middleware } from "#ch05/middleware.ts";
import { caching } from "#ch07/caching.ts";
import type { ResponseCache } from "#ch07/response-cache.ts";
import type { Stage } from "./stage.ts";

export interface MiddlewareRegistry {
  /** Adds a layer; the first added is the outermost. Before serving only. */
  add(middleware: Middleware): void;
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
    const { around, cache } = caching();
    const beneath: Middleware[] = [];
    let built: Handler | undefined;
    const beneathCache: MiddlewareRegistry = {
      add: (middleware) => {
        if (built !== undefined) throw new Error("beneathCache.add after the first request");
        beneath.push(middleware);
      },
    };
    const handler: Handler = (request) => {
      built ??= around(beneath)(inner);
      return built(request);
    };
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
