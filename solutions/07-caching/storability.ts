/**
 * May this response be stored? (RFC 9111 §3, §3.5.) A cache that stores
 * the wrong thing is worse than no cache: it serves one user's page to
 * another, or yesterday's page forever.
 */
import { getHeader } from "#ch02/header-list.ts";
import type { HeaderList, HttpResponse } from "#ch03/message.ts";
import {
  cacheControlParses,
  requestDirectives,
  responseDirectives,
} from "./directives.ts";
import { varyFields } from "./vary.ts";

/**
 * Status codes that are "heuristically cacheable" (RFC 9110 §15.1): a
 * cache may store them even without explicit freshness information.
 */
export const HEURISTICALLY_CACHEABLE: ReadonlySet<number> = new Set([
  200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501,
]);

/** Why a response was not stored; each is an sf-token for Cache-Status. */
export type NotStoredReason =
  | "method"
  | "status"
  | "invalid-cache-control"
  | "request-no-store"
  | "no-store"
  | "private"
  | "authorization"
  | "vary-star"
  | "cookie"
  | "set-cookie"
  | "no-cache"
  | "no-freshness";

export type StoreDecision =
  | { readonly store: true }
  | { readonly store: false; readonly reason: NotStoredReason };

/** The request fields storability depends on. */
export interface StoreRequest {
  readonly method: string;
  readonly headers: HeaderList;
}

const no = (reason: NotStoredReason): StoreDecision => ({
  store: false,
  reason,
});

/**
 * Decides whether `response` to `request` may be stored (RFC 9111 §3).
 * Some rules go beyond the RFC, on the side of caution: an answer to a
 * request with Cookie is stored only if it is public or varies on Cookie
 * (it may be one user's page); a response with Set-Cookie is not stored
 * (it belongs to one client); and no-cache is not stored because this
 * cache never revalidates, so it could never use it.
 * 206 and 304 are not stored either: this cache keeps only complete
 * responses.
 *
 * @exercise
 * @hint nudge: check the reasons not to store first; then require some sign the
 *   response may be cached at all.
 * @hint concept: GET only; final, complete status; a Cache-Control that parses;
 *   no-store (either side); private and Authorization (§3.5) in a shared cache;
 *   Vary: *; Cookie unless public or Vary: Cookie; then explicit freshness,
 *   public, or a heuristically cacheable status.
 * @hint solution: return no("method"), no("status"), ... in the order of the
 *   NotStoredReason type; finally store if public || expires || maxAge ||
 *   (shared && sMaxAge) || HEURISTICALLY_CACHEABLE.has(status).
 */
export function canStore(
  request: StoreRequest,
  response: HttpResponse,
  shared: boolean,
): StoreDecision {
  const headers = response.headers ?? [];
  const res = responseDirectives(headers);
  const { status } = response;
  if (request.method !== "GET") return no("method");
  if (status < 200 || status === 206 || status === 304) return no("status");
  // Unreadable directives might have said no-store: do not guess.
  if (!cacheControlParses(headers)) return no("invalid-cache-control");
  if (requestDirectives(request.headers).noStore) return no("request-no-store");
  if (res.noStore) return no("no-store");
  if (shared && res.private) return no("private");
  const authorized = getHeader(request.headers, "authorization") !== undefined;
  const permits = res.mustRevalidate || res.public || res.sMaxAge !== undefined;
  if (shared && authorized && !permits) return no("authorization");
  const vary = varyFields(headers);
  if (vary === "*") return no("vary-star");
  const cookie = getHeader(request.headers, "cookie") !== undefined;
  if (shared && cookie && !res.public && !vary.includes("cookie"))
    return no("cookie");
  if (getHeader(headers, "set-cookie") !== undefined) return no("set-cookie");
  if (res.noCache) return no("no-cache");
  const explicit =
    res.public ||
    getHeader(headers, "expires") !== undefined ||
    res.maxAge !== undefined ||
    (shared && res.sMaxAge !== undefined) ||
    (!shared && res.private);
  if (explicit || HEURISTICALLY_CACHEABLE.has(status)) return { store: true };
  return no("no-freshness");
}
