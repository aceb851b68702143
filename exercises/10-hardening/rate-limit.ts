// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Rate limiting as middleware: 429 Too Many Requests (RFC 6585 §4) with
 * Retry-After (RFC 9110 §10.2.3), and the IETF RateLimit and
 * RateLimit-Policy fields (draft-ietf-httpapi-ratelimit-headers-11) on
 * every response, so a well-behaved client can slow down before it is
 * refused.
 */
import type { HeaderList, HttpRequest } from "#ch03/message.ts";
import type { Middleware } from "#ch05/middleware.ts";
import { BucketTable, MAX_TRACKED_CLIENTS } from "./bucket-table.ts";
import type { BucketPolicy, Take } from "./token-bucket.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * 600 requests per 60 s per client address, refilled at 10 per second. A
 * page of the book with its scripts, styles, fonts and images is about 30
 * requests, so reading quickly through twenty pages stays within the
 * burst; a script hammering the server gets 10 requests a second.
 */
export const DEFAULT_RATE_POLICY: BucketPolicy = {
  capacity: 600,
  windowSeconds: 60,
};

/**
 * Which client a request counts against; undefined exempts it. The
 * default is the peer address. Behind a proxy every request comes from
 * the proxy, so use `forwardedClient` instead.
 */
export type RateKey = (request: HttpRequest) => string | undefined;

export const byPeerAddress: RateKey = (request) =>
  request.connection.remoteAddress;

/**
 * The client address as the trusted proxies report it: the rightmost
 * X-Forwarded-For entry that is not itself a trusted proxy. Entries to
 * its left were written by the client and prove nothing; a request that
 * did not come from a trusted proxy is keyed by its peer address.
 *
 * @exercise
 */
export function forwardedClient(trustedProxies: readonly string[]): RateKey {
  throw new NotImplemented({
    chapter: "10",
    name: "forwardedClient",
    file: "exercises/10-hardening/rate-limit.ts",
    hint: "only hops your own proxies appended can be believed, and they append on the right.",
  });
}

export interface RateLimitOptions {
  readonly policy: BucketPolicy;
  readonly key: RateKey;
  /** Bound on the clients remembered at once (bucket-table.ts). */
  readonly maxKeys: number;
  /** The policy's name in the RateLimit fields. */
  readonly name: string;
  /** The clock, in ms; tests pass their own. */
  readonly now: () => number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = {
  policy: DEFAULT_RATE_POLICY,
  key: byPeerAddress,
  maxKeys: MAX_TRACKED_CLIENTS,
  name: "default",
  now: Date.now,
};

/**
 * The two fields, as Structured Field lists (RFC 9651): the policy is a
 * quota `q` per window `w` seconds; the state is `r` requests remaining
 * and `t` seconds until the quota is whole again.
 *
 * @exercise
 */
export function rateLimitFields(
  name: string,
  policy: BucketPolicy,
  taken: Take,
): HeaderList {
  throw new NotImplemented({
    chapter: "10",
    name: "rateLimitFields",
    file: "exercises/10-hardening/rate-limit.ts",
    hint: "each field is one list member: the policy name as a quoted string, then parameters.",
  });
}

/**
 * The middleware: one bucket table per server, a token per request, the
 * fields on every answer.
 *
 * @exercise
 */
export function rateLimit(options: Partial<RateLimitOptions> = {}): Middleware {
  throw new NotImplemented({
    chapter: "10",
    name: "rateLimit",
    file: "exercises/10-hardening/rate-limit.ts",
    hint: "a key of undefined passes untouched; otherwise take a token before calling next.",
  });
}
