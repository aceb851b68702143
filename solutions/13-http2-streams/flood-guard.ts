/**
 * Counting what a peer makes us do, per time window (the rapid reset,
 * SETTINGS and PING floods).
 *
 * Each of these frames is legal on its own: a browser resets a stream
 * when the user navigates away, pings to measure the round trip, and
 * changes a setting now and then. Abuse is only a matter of rate. In
 * 2023, rapid reset (CVE-2023-44487) opened and reset streams as fast as
 * the network allowed: each reset freed a concurrency slot at once, so
 * SETTINGS_MAX_CONCURRENT_STREAMS bounded nothing, while every HEADERS
 * still cost the server a decode and a handler call. The defence is a
 * budget per window; a peer over it gets GOAWAY ENHANCE_YOUR_CALM.
 */

export class RateBudget {
  #windowStart = Number.NEGATIVE_INFINITY;
  #count = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /**
   * One more event at `now`; false once the window's budget is spent.
   *
   * @exercise
   * @hint nudge: a fixed window: start counting afresh once it has passed.
   * @hint concept: events in one window of windowMs are counted; more than
   *   limit of them is a flood (RFC 9113 §10.5: an endpoint "MAY treat
   *   activity that is suspicious as a connection error ... of type
   *   ENHANCE_YOUR_CALM").
   * @hint solution: when windowMs or more has passed since #windowStart, the
   *   window starts now and the count goes back to zero. Count this event;
   *   the answer is whether the count is still within limit.
   */
  spend(now: number): boolean {
    if (now - this.#windowStart >= this.windowMs) {
      this.#windowStart = now;
      this.#count = 0;
    }
    this.#count++;
    return this.#count <= this.limit;
  }
}
