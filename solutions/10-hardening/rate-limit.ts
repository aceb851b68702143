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
 * @hint nudge: only hops your own proxies appended can be believed, and they
 *   append on the right.
 * @hint concept: a peer that is not a trusted proxy is the client; otherwise
 *   split every X-Forwarded-For line on commas and walk from the right,
 *   skipping trusted proxies; the first other hop is the client; none → the
 *   peer.
 * @hint solution: make a set of the trusted proxies once. Per request: a peer
 *   address not in it is the answer. Else gather every x-forwarded-for line,
 *   split on commas, trimmed; walk from the right and answer the first
 *   non-empty hop that is not trusted; none: the peer.
 */
export function forwardedClient(trustedProxies: readonly string[]): RateKey {
  const trusted = new Set(trustedProxies);
  return (request) => {
    const peer = request.connection.remoteAddress;
    if (!trusted.has(peer)) return peer;
    const hops = request.headers
      .filter(([name]) => name === "x-forwarded-for")
      .flatMap(([, value]) => value.split(","))
      .map((hop) => hop.trim());
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i] ?? "";
      if (hop !== "" && !trusted.has(hop)) return hop;
    }
    return peer;
  };
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
 * @hint nudge: each field is one list member: the policy name as a quoted
 *   string, then parameters.
 * @hint concept: both fields are Structured Field lists (RFC 9651 §3.1): a
 *   member is a quoted string, the policy name, followed by ;key=integer
 *   parameters (§3.1.2): q and w on RateLimit-Policy, r and t on RateLimit.
 * @hint solution: two header pairs: ratelimit-policy with the quoted name then
 *   q as the capacity and w as the window in seconds, and ratelimit with the
 *   quoted name then r as the remaining count and t as the reset seconds, each
 *   parameter after a semicolon.
 */
export function rateLimitFields(
  name: string,
  policy: BucketPolicy,
  taken: Take,
): HeaderList {
  return [
    [
      "ratelimit-policy",
      `"${name}";q=${policy.capacity};w=${policy.windowSeconds}`,
    ],
    ["ratelimit", `"${name}";r=${taken.remaining};t=${taken.resetSeconds}`],
  ];
}

/**
 * The middleware: one bucket table per server, a token per request, the
 * fields on every answer.
 *
 * @exercise
 * @hint nudge: a key of undefined passes untouched; otherwise take a token
 *   before calling next.
 * @hint concept: RFC 6585 §4: 429 Too Many Requests says the client sent too
 *   many in a given time; it should explain the condition and may carry
 *   Retry-After (RFC 9110 §10.2.3). The RateLimit fields go on every answer,
 *   allowed or not, so a client can slow down before it is refused.
 * @hint solution: key the request; undefined goes straight to next. Else take a
 *   token from the table at now() and build the fields with rateLimitFields.
 *   Refused: 429 with text/plain, retry-after, the fields and a RATE_LIMITED
 *   body naming the wait. Allowed: await next and append the fields.
 */
export function rateLimit(options: Partial<RateLimitOptions> = {}): Middleware {
  const { policy, key, maxKeys, name, now } = {
    ...DEFAULT_RATE_LIMIT,
    ...options,
  };
  const table = new BucketTable(policy, maxKeys);
  return (next) => async (request) => {
    const client = key(request);
    if (client === undefined) return next(request);
    const taken = table.take(client, now());
    const fields = rateLimitFields(name, policy, taken);
    if (!taken.allowed) {
      const retry = String(taken.retryAfterSeconds);
      return {
        status: 429,
        headers: [
          ["content-type", "text/plain"],
          ["retry-after", retry],
          ...fields,
        ],
        body: `RATE_LIMITED: too many requests; retry after ${retry} s\n`,
      };
    }
    const response = await next(request);
    return { ...response, headers: [...(response.headers ?? []), ...fields] };
  };
}
