/**
 * Chapter 06's piece of the server: static files behind the routes.
 *
 * The handler installed so far (chapter 05's router with the demo routes)
 * is tried first; whatever it answers 404 falls through to the files
 * (solutions/06-static-files/static-fallback.ts), so /hello, /echo and /api
 * always win and the built book fills every other path, `/` included.
 *
 * The root is settings.staticRoot: the CLI's --root, or the built book
 * when it is there (src/cli.ts; `npm start` builds it first). With no root
 * there are no files to serve and the routes answer alone. A root that
 * does not exist yet answers 404 until it appears, not a crash; one that
 * is announced as being built (settings.staticPending) answers 503.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Handler, HttpResponse } from "#ch03/message.ts";
import { serveStatic } from "#ch06/serve-static.ts";
import { isThenable } from "#ch03/is-thenable.ts";
import type { FileVariant, VariantChooser } from "#ch06/static-options.ts";
import { STATIC_FALLBACK_DEPENDS, staticFallback } from "#ch06/static-fallback.ts";
import type { Stage } from "./stage.ts";

declare module "./stage.ts" {
  interface ServerSettings {
    /** Folder served as static files at `/`; none: no static files. */
    readonly staticRoot?: string;
    /**
     * A file whose presence says the static root is still being built
     * (`npm start` on a fresh clone): until it is gone, file requests get
     * a 503 page instead of a 404.
     */
    readonly staticPending?: string;
  }
  interface StageExtensions {
    handler: Handler;
    /** The file handler alone, for later chapters that mount it elsewhere. */
    staticFiles: Handler;
    /**
     * Where later chapters register file variants (chapter 08: precompressed
     * `.br`/`.gz` siblings). Choosers are asked in order; the first variant
     * wins; with none registered the file itself is served.
     */
    staticVariants: VariantRegistry;
  }
}

export interface VariantRegistry {
  add(chooser: VariantChooser): void;
}

/** Seconds a client should wait before asking again (RFC 9110 §10.2.3). */
const BUILDING_RETRY_S = 5;

const BUILDING: HttpResponse = Object.freeze({
  status: 503,
  headers: Object.freeze([
    Object.freeze(["content-type", "text/html; charset=utf-8"] as const),
    Object.freeze(["retry-after", String(BUILDING_RETRY_S)] as const),
    Object.freeze(["cache-control", "no-store"] as const),
  ]),
  body:
    `<!doctype html><meta charset="utf-8">` +
    `<meta http-equiv="refresh" content="${BUILDING_RETRY_S}">` +
    "<title>Handshake: building the book</title>" +
    "<h1>The book is being built</h1>" +
    "<p>This page reloads by itself until it is ready (about a minute).</p>\n",
});

/**
 * Serves the files once `marker` is gone. Until then every file request
 * is answered 503 Service Unavailable, the status for a temporary
 * condition (RFC 9110 §15.6.4), with Retry-After and a page that reloads
 * itself; the routes in front of it answer as usual. Once the marker is
 * seen gone it is never checked again.
 */
export function whileBuilding(marker: string, files: Handler): Handler {
  let built = false;
  return (request) => {
    if (!built && existsSync(marker)) return BUILDING;
    built = true;
    return files(request);
  };
}

/**
 * One VariantChooser that asks every registered chooser in turn; without
 * a promise while each answers at once.
 */
function variantRegistry(): { registry: VariantRegistry; choose: VariantChooser } {
  const choosers: VariantChooser[] = [];
  const from = (
    index: number,
    ...[request, file, stats]: Parameters<VariantChooser>
  ): ReturnType<VariantChooser> => {
    for (let i = index; i < choosers.length; i++) {
      const variant = (choosers[i] as VariantChooser)(request, file, stats);
      if (isThenable<FileVariant | undefined>(variant)) {
        return Promise.resolve(variant).then((found) => found ?? from(i + 1, request, file, stats));
      }
      if (variant) return variant;
    }
    return undefined;
  };
  return {
    registry: { add: (chooser) => void choosers.push(chooser) },
    choose: (request, file, stats) => from(0, request, file, stats),
  };
}

export const stage: Stage = {
  chapter: 6,
  slug: "06-static-files",
  apply: (plan) => {
    const variants = variantRegistry();
    const configured = plan.settings.staticRoot;
    if (configured === undefined) {
      return {
        ...plan,
        extensions: { ...plan.extensions, staticVariants: variants.registry },
        banner: [
          ...plan.banner,
          "static files: none; serve a folder with --root DIR (npm start serves the book)",
        ],
      };
    }
    const root = path.resolve(plan.settings.root, configured);
    const pending = plan.settings.staticPending;
    const served = serveStatic(root, { variant: variants.choose });
    const files = pending === undefined ? served : whileBuilding(pending, served);
    const previous = plan.extensions.handler;
    const handler = previous === undefined ? files : staticFallback(files)(previous);
    if (previous !== undefined)
      plan.extensions.answers?.wrap(previous, handler, STATIC_FALLBACK_DEPENDS);
    return {
      ...plan,
      extensions: {
        ...plan.extensions,
        handler,
        staticFiles: files,
        staticVariants: variants.registry,
      },
      banner: [
        ...plan.banner,
        `static files: ${path.relative(plan.settings.root, root) || "."} at / (routes win)`,
        "try: curl -r 0-99 -i http://{origin}/",
      ],
    };
  },
};
