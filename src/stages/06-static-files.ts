/**
 * Chapter 06's piece of the server: static files behind the routes.
 *
 * The handler installed so far (chapter 05's router with the demo routes)
 * is tried first; whatever it answers 404 falls through to the files
 * (solutions/06-static-files/static-fallback.ts), so /hello, /echo and /api
 * always win and the built book fills every other path, `/` included.
 *
 * The root is the built book (tools/book/ensure-built.ts) unless the
 * operator points elsewhere with settings.staticRoot or the
 * HANDSHAKE_STATIC_ROOT environment variable. A root that does not exist
 * yet (the book not built) answers 404 until it appears, not a crash.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Handler } from "#ch03/message.ts";
import { serveStatic } from "#ch06/serve-static.ts";
import type { VariantChooser } from "#ch06/static-options.ts";
import { staticFallback } from "#ch06/static-fallback.ts";
import { BOOK_DIST, ensureBookBuilt } from "../../tools/book/ensure-built.ts";
import type { Stage } from "./stage.ts";

declare module "./stage.ts" {
  interface ServerSettings {
    /** Folder served as static files at `/`; default: the built book. */
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

/** Environment variable naming the static root, for operators. */
export const STATIC_ROOT_ENV = "HANDSHAKE_STATIC_ROOT";

/**
 * A fresh clone has no built book. Build it in the background (a minute or
 * two) so the server answers at once: routes work immediately, and `/`
 * serves the book as soon as it is there, without a restart.
 */
async function buildBookInBackground(): Promise<void> {
  if (existsSync(path.join(BOOK_DIST, "index.html"))) return;
  console.log("book: not built yet; building it in the background (npm run book)");
  ensureBookBuilt({ log: () => {} }).then(
    () => console.log("book: built; / now serves it"),
    (err: Error) => console.error(`book: could not build it (${err.message}); routes still work`),
  );
}

export const stage: Stage = {
  chapter: 6,
  slug: "06-static-files",
  apply: (plan) => {
    const configured = plan.settings.staticRoot ?? process.env[STATIC_ROOT_ENV];
    const root = path.resolve(plan.settings.root, configured ?? BOOK_DIST);
    const variants = variantRegistry();
    const files = serveStatic(root, { variant: variants.choose });
    const previous = plan.extensions.handler;
    const handler = previous === undefined ? files : staticFallback(files)(previous);
    return {
      ...plan,
      ...(configured ? {} : { startup: [...(plan.startup ?? []), buildBookInBackground] }),
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
