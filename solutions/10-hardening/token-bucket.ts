/**
 * The token bucket: a rate limit that allows bursts.
 *
 * A bucket holds up to `capacity` tokens and gains `capacity / windowSeconds`
 * tokens per second; each request takes one, and a request that finds no
 * token is refused. A client that has been quiet may spend the whole
 * bucket at once (a browser loading a page and its assets), but over any
 * long stretch it gets the refill rate and no more. nginx's limit_req is
 * the same algorithm seen from the other side (a "leaky bucket" with a
 * burst). The bucket is data and these functions are pure: the caller
 * passes the time, so tests need no clock.
 */

/**
 * The policy, in the terms the RateLimit-Policy field advertises
 * (draft-ietf-httpapi-ratelimit-headers-11): a quota of `capacity`
 * requests per `windowSeconds`.
 */
export interface BucketPolicy {
  readonly capacity: number;
  readonly windowSeconds: number;
}

export interface Bucket {
  /** Tokens left, fractional: refill is continuous. */
  readonly tokens: number;
  /** When `tokens` was last brought up to date (ms). */
  readonly updatedAt: number;
}

/** A bucket for a client never seen before: full. */
export function fullBucket(policy: BucketPolicy, now: number): Bucket {
  return { tokens: policy.capacity, updatedAt: now };
}

/**
 * The bucket as of `now`: the tokens earned since it was last updated,
 * never above capacity. A clock that went backwards earns nothing.
 *
 * @exercise
 * @hint nudge: tokens grow with the time elapsed, at capacity per window, and
 *   stop at capacity.
 * @hint concept: a token bucket: capacity tokens per windowSeconds, earned
 *   continuously, never more than capacity (which bounds a burst). A clock that
 *   went backwards earns nothing rather than taking tokens away.
 * @hint solution: clamp the elapsed milliseconds at zero (a clock that went
 *   back earns nothing); earn capacity per windowSeconds for that many seconds;
 *   return a new bucket capped at capacity and stamped now.
 */
export function refill(
  bucket: Bucket,
  policy: BucketPolicy,
  now: number,
): Bucket {
  const elapsed = Math.max(0, now - bucket.updatedAt);
  const earned = (elapsed / 1000) * (policy.capacity / policy.windowSeconds);
  return {
    tokens: Math.min(policy.capacity, bucket.tokens + earned),
    updatedAt: now,
  };
}

/** What one request gets from the bucket. */
export interface Take {
  readonly allowed: boolean;
  readonly bucket: Bucket;
  /** Whole requests left after this one (RateLimit's r). */
  readonly remaining: number;
  /** Seconds until the bucket is full again (RateLimit's t). */
  readonly resetSeconds: number;
  /** Seconds until one token is back; 0 when allowed (Retry-After). */
  readonly retryAfterSeconds: number;
}

/**
 * Refills, then takes one token if there is a whole one. Seconds are
 * rounded up: a client told "1" that comes back after 0.4 s would be
 * refused again.
 *
 * @exercise
 * @hint nudge: refill first; a request needs one whole token; waiting times
 *   come from the refill rate.
 * @hint concept: a request costs one whole token. RFC 9110 §10.2.3: Retry-After
 *   is whole seconds, so waiting times round up (a client told 1 that returns
 *   after 0.4 s would be refused again); remaining counts whole tokens, rounded
 *   down.
 * @hint solution: refill first and work out the rate per second. A whole token
 *   allows the request and is spent; return the new bucket stamped now, the
 *   remaining whole tokens (round down), and the seconds to a full bucket and,
 *   when refused, to one token (both rounded up; 0 when allowed).
 */
export function take(bucket: Bucket, policy: BucketPolicy, now: number): Take {
  const current = refill(bucket, policy, now);
  const rate = policy.capacity / policy.windowSeconds;
  const allowed = current.tokens >= 1;
  const tokens = allowed ? current.tokens - 1 : current.tokens;
  return {
    allowed,
    bucket: { tokens, updatedAt: now },
    remaining: Math.floor(tokens),
    resetSeconds: Math.ceil((policy.capacity - tokens) / rate),
    retryAfterSeconds: allowed ? 0 : Math.ceil((1 - tokens) / rate),
  };
}
