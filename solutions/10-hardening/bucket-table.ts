/**
 * One bucket per client, in bounded memory.
 *
 * An attacker with an IPv6 /64 has 2^64 addresses, so a Map that grows
 * by one entry per address seen is itself the attack. The table keeps at
 * most `maxKeys` buckets and forgets the least recently used. Forgetting
 * a bucket gives that client a full one next time, which is harmless in
 * the common case (a bucket untouched for that long has refilled anyway)
 * and bounded in the worst (an attacker cycling through more addresses
 * than the table holds gets one burst per address, as it would from any
 * per-address limit).
 */
import {
  type Bucket,
  type BucketPolicy,
  fullBucket,
  type Take,
  take,
} from "./token-bucket.ts";

/** 100 000 clients, about 10 MB of buckets: more than a page's worth. */
export const MAX_TRACKED_CLIENTS = 100_000;

export class BucketTable {
  readonly #policy: BucketPolicy;
  readonly #maxKeys: number;
  /** Insertion order is recency order: a hit moves its key to the end. */
  readonly #buckets = new Map<string, Bucket>();

  constructor(policy: BucketPolicy, maxKeys = MAX_TRACKED_CLIENTS) {
    this.#policy = policy;
    this.#maxKeys = maxKeys;
  }

  get size(): number {
    return this.#buckets.size;
  }

  /**
   * Takes a token from `key`'s bucket (a full one if unknown), marks the
   * key most recently used, and evicts the least recently used past the
   * bound.
   *
   * @exercise
   * @hint nudge: a Map iterates in insertion order; deleting and re-setting a
   *   key moves it to the end.
   * @hint concept: the table must stay bounded (maxKeys), or one request per
   *   forged address grows it without end; drop the least recently used. A Map
   *   keeps insertion order, so deleting and setting a key on every use keeps
   *   the oldest first.
   * @hint solution: take from the key's bucket, or from fullBucket when the key
   *   is new; move the key to the end of #buckets by deleting it and setting
   *   the new bucket; then, while the map holds more than #maxKeys, delete the
   *   first key its keys() iterator yields. Return what take answered.
   */
  take(key: string, now: number): Take {
    const policy = this.#policy;
    const result = take(
      this.#buckets.get(key) ?? fullBucket(policy, now),
      policy,
      now,
    );
    this.#buckets.delete(key);
    this.#buckets.set(key, result.bucket);
    while (this.#buckets.size > this.#maxKeys) {
      const oldest = this.#buckets.keys().next().value;
      if (oldest === undefined) break;
      this.#buckets.delete(oldest);
    }
    return result;
  }
}
