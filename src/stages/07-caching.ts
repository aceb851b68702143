/**
 * Chapter 07's piece of the server: conditional requests, a Cache-Control
 * policy and an in-memory response cache around whatever handler the
 * earlier chapters installed (solutions/07-caching/caching.ts).
 *
 * The cache is published as `extensions.responseCache` so a later chapter
 * (17, metrics) can read its hit and miss counts.
 */
import type { Handler } from "#ch03/message.ts";
import { caching } from "#ch07/caching.ts";
import type { ResponseCache } from "#ch07/response-cache.ts";
import type { Stage } from "./stage.ts";

declare module "./stage.ts" {
  interface StageExtensions {
    handler: Handler;
    responseCache: ResponseCache;
  }
}

export const stage: Stage = {
  chapter: 7,
  slug: "07-caching",
  apply: (plan) => {
    const handler = plan.extensions.handler;
    if (handler === undefined) return plan;
    const { middleware, cache } = caching();
    const extensions = {
      ...plan.extensions,
      handler: middleware(handler),
      responseCache: cache,
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
