// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
   */
  spend(now: number): boolean {
    throw new NotImplemented({
      chapter: "13",
      name: "RateBudget.spend",
      file: "exercises/13-http2-streams/flood-guard.ts",
      hint: "a fixed window: start counting afresh once it has passed.",
    });
  }
}
