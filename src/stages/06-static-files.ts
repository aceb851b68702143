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
 * does not exist yet (the book still building) answers 404 until it
 * appears, not a crash.
 */
import path from "node:path";
import type { Handler } from "#ch03/message.ts";
import { serveStatic } from "#ch06/serve-static.ts";
import type { VariantChooser } from "#ch06/static-options.ts";
import { staticFallback } from "#ch06/static-fallback.ts";
import type { Stage } from "./stage.ts";

declare module "./stage.ts" {
  interface ServerSettings {
    /** Folder served as static files at `/`; none: no static files. */
    readonly staticRoot?: string;
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

/** One VariantChooser that asks every registered chooser in turn. */
function variantRegistry(): { registry: VariantRegistry; choose: VariantChooser } {
  const choosers: VariantChooser[] = [];
  return {
    registry: { add: (chooser) => void choosers.push(chooser) },
    choose: async (request, file, stats) => {
      for (const chooser of choosers) {
        const variant = await chooser(request, file, stats);
        if (variant) return variant;
      }
      return undefined;
    },
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
    const files = serveStatic(root, { variant: variants.choose });
    const previous = plan.extensions.handler;
    const handler = previous === undefined ? files : staticFallback(files)(previous);
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
