/**
 * Chapter 08's piece of the server: compression around everything the
 * earlier chapters installed (solutions/08-compression/compression.ts).
 *
 * It goes beneath chapter 07's response cache (`extensions.beneathCache`),
 * so a cached response is stored once per coding, keyed by the coding its
 * Accept-Encoding negotiates, and a hit is never compressed again. With no
 * cache in the plan it wraps `extensions.handler` outermost. The operator
 * tunes it with settings.compression (levels, threshold, codings); the
 * middleware is also published as `extensions.compression` for chapters
 * that assemble their own chain.
 */
import type { Handler } from "#ch03/message.ts";
import {
  acceptEncodingKey,
  COMPRESSION_DEPENDS,
  type CompressionOptions,
  compression,
} from "#ch08/compression.ts";
import { precompressedVariants } from "#ch08/precompressed.ts";
import type { Middleware } from "#ch05/middleware.ts";
import type { Stage } from "./stage.ts";

declare module "./stage.ts" {
  interface ServerSettings {
    /** Compression levels, threshold and codings; defaults otherwise. */
    readonly compression?: CompressionOptions;
  }
  interface StageExtensions {
    handler: Handler;
    compression: Middleware;
  }
}

export const stage: Stage = {
  chapter: 8,
  slug: "08-compression",
  apply: (plan) => {
    const handler = plan.extensions.handler;
    if (handler === undefined) return plan;
    const middleware = compression(plan.settings.compression);
    // Files with .br/.gz siblings are served precompressed (chapter 06's seam).
    plan.extensions.staticVariants?.add(precompressedVariants());
    const { beneathCache, responseCache } = plan.extensions;
    const cached = beneathCache !== undefined && responseCache !== undefined;
    if (cached) {
      beneathCache.add(middleware, COMPRESSION_DEPENDS);
      const codings = plan.settings.compression?.codings;
      responseCache.normalizeVary("accept-encoding", acceptEncodingKey(codings));
    }
    const outer = cached ? handler : middleware(handler);
    if (!cached) plan.extensions.answers?.wrap(handler, outer, COMPRESSION_DEPENDS);
    const extensions = {
      ...plan.extensions,
      handler: outer,
      compression: middleware,
    };
    return {
      ...plan,
      extensions,
      banner: [
        ...plan.banner,
        "compression: br, gzip, deflate by Accept-Encoding (text over 1 KiB)",
        "try: curl -s --compressed -D - -o /dev/null http://{origin}/",
      ],
    };
  },
};
