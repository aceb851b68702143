// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Freshness (RFC 9111 §4.2): how long a stored response may be used
 * without asking the origin, and how old it is now.
 *
 *     fresh  <=>  freshness_lifetime > current_age
 */
import { getHeader } from "#ch02/header-list.ts";
import type { HeaderList } from "#ch03/message.ts";
import { deltaSeconds, responseDirectives } from "./directives.ts";
import { parseHttpDate } from "#ch06/http-date.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * The freshness lifetime in seconds (RFC 9111 §4.2.1), or undefined when
 * the response states none and the cache must fall back to a heuristic.
 * The first rule that applies wins: s-maxage (shared caches only), then
 * max-age, then Expires minus Date. `responseTime` stands in for a missing
 * Date field. An Expires that is not a valid date, notably "0", means
 * "already expired": a cache MUST treat it as a time in the past.
 *
 * @exercise
 */
export function freshnessLifetime(
  headers: HeaderList,
  shared: boolean,
  responseTime: number,
): number | undefined {
  throw new NotImplemented({
    chapter: "07",
    name: "freshnessLifetime",
    file: "exercises/07-caching/freshness.ts",
    hint: "s-maxage beats max-age beats Expires; a private cache ignores s-maxage.",
  });
}

/** The timestamps a cache records when it stores a response. */
export interface AgeInputs {
  /** The Age field received with the response, in seconds (0 if none). */
  readonly ageValue: number;
  /** The response's Date, if it had one (ms since the epoch). */
  readonly dateValue?: number | undefined;
  /** When the request was sent on, and when the response arrived. */
  readonly requestTime: number;
  readonly responseTime: number;
}

/**
 * current_age, in seconds (RFC 9111 §4.2.3): the age the response had
 * when it arrived, corrected for clock skew and transit delay, plus the
 * time it has been resident here since.
 *
 * @exercise
 */
export function currentAge(a: AgeInputs, now: number): number {
  throw new NotImplemented({
    chapter: "07",
    name: "currentAge",
    file: "exercises/07-caching/freshness.ts",
    hint: "a response can be older than the time it spent here: it may have aged upstream and on the way.",
  });
}

/** The Age field's value (RFC 9111 §5.1), or 0 when absent or invalid. */
export function ageFieldOf(headers: HeaderList): number {
  return deltaSeconds(getHeader(headers, "age")?.trim()) ?? 0;
}
