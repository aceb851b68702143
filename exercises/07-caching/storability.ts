// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function canStore(
  request: StoreRequest,
  response: HttpResponse,
  shared: boolean,
): StoreDecision {
  throw new NotImplemented({
    chapter: "07",
    name: "canStore",
    file: "exercises/07-caching/storability.ts",
    hint: "check the reasons not to store first; then require some sign the response may be cached at all.",
  });
}
