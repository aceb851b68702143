// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Static files behind an application: routes first, files on a 404.
 *
 *     request ─▶ next (routes) ──200/4xx/5xx──▶ client
 *                    │
 *                    └─404─▶ static ──found──▶ client
 *                                └─missing──▶ the routes' own 404
 *
 * Why this order: an application's routes are few and deliberate, the
 * files are many and arrive by deploy. Trying the files first would let a
 * stray file named "api" shadow a route; trying the routes first means a
 * file can only fill gaps the application left. The price is one router
 * lookup per file request, which is a trie walk, cheap next to a stat.
 * Around a synchronous route it stays synchronous (afterResult): a route
 * that answers pays no promise for the files it never needed.
 */
import { afterResult, isThenable } from "#ch03/is-thenable.ts";
import type { Handler, HttpRequest, HttpResponse } from "#ch03/message.ts";
import type { Dependence } from "#ch05/answer-memo.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * What the fallback's answer depends on (chapter 05's answer memo): no
 * request field; the files, which change on disk, whenever the route
 * answered 404.
 */
export const STATIC_FALLBACK_DEPENDS: Dependence = Object.freeze({
  fields: [],
  varies: (_request: HttpRequest, route: HttpResponse) => route.status === 404,
});

/** Middleware: takes the handler to wrap and returns the wrapped one. */
export type Middleware = (next: Handler) => Handler;

/**
 * Wraps `next` so that its 404s fall through to `files`. When the file
 * handler misses too, the application's 404 is returned, since it may
 * carry the site's own error page.
 *
 * @exercise
 */
export function staticFallback(files: Handler): Middleware {
  throw new NotImplemented({
    chapter: "06",
    name: "staticFallback",
    file: "exercises/06-static-files/static-fallback.ts",
    hint: "files fill the gaps the routes leave, never the other way round.",
  });
}

/** The file's answer, unless it missed too. */
const pick = (routed: HttpResponse, served: HttpResponse): HttpResponse =>
  served.status === 404 ? routed : served;
