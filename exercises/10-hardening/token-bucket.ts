// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function refill(
  bucket: Bucket,
  policy: BucketPolicy,
  now: number,
): Bucket {
  throw new NotImplemented({
    chapter: "10",
    name: "refill",
    file: "exercises/10-hardening/token-bucket.ts",
    hint: "tokens grow with the time elapsed, at capacity per window, and stop at capacity.",
  });
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
 */
export function take(bucket: Bucket, policy: BucketPolicy, now: number): Take {
  throw new NotImplemented({
    chapter: "10",
    name: "take",
    file: "exercises/10-hardening/token-bucket.ts",
    hint: "refill first; a request needs one whole token; waiting times come from the refill rate.",
  });
}
