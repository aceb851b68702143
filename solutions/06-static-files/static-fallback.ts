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
 * @hint nudge: files fill the gaps the routes leave, never the other way
 *   round.
 * @hint concept: call the routes first; anything but a 404 is their answer. On
 *   a 404 ask the files; when they miss too, return the routes' 404, which may
 *   be the site's own error page.
 * @hint solution: a middleware that calls next first. Not a 404: that answer.
 *   A 404: ask files, and keep the routes' 404 if they miss too (pick).
 *   Stay synchronous for a synchronous route: isThenable decides whether to
 *   wait, afterResult continues on the files' answer either way.
 */
export function staticFallback(files: Handler): Middleware {
  const fallBack = (request: HttpRequest, routed: HttpResponse) =>
    routed.status !== 404
      ? routed
      : afterResult(files(request), (served) => pick(routed, served));
  // No closure and no promise per request when the route answers at once.
  return (next) => (request) => {
    const routed = next(request);
    return isThenable<HttpResponse>(routed)
      ? Promise.resolve(routed).then((r) => fallBack(request, r))
      : fallBack(request, routed);
  };
}

/** The file's answer, unless it missed too. */
const pick = (routed: HttpResponse, served: HttpResponse): HttpResponse =>
  served.status === 404 ? routed : served;
