/**
 * The cache's sense of time. Freshness, Age and expiry all read one clock,
 * injected so tests can move time by hand instead of waiting for it.
 */

/** Milliseconds since the epoch. Injected so tests can move time by hand. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
