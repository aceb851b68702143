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

/**
 * The freshness lifetime in seconds (RFC 9111 §4.2.1), or undefined when
 * the response states none and the cache must fall back to a heuristic.
 * The first rule that applies wins: s-maxage (shared caches only), then
 * max-age, then Expires minus Date. `responseTime` stands in for a missing
 * Date field. An Expires that is not a valid date, notably "0", means
 * "already expired": a cache MUST treat it as a time in the past.
 *
 * @exercise
 * @hint nudge: s-maxage beats max-age beats Expires; a private cache ignores
 *   s-maxage.
 * @hint concept: read the directives with responseDirectives(); Expires counts
 *   from Date (or the response time); never return a negative lifetime.
 * @hint solution: invalidFreshness -> 0; shared && sMaxAge -> it; maxAge -> it;
 *   Expires -> max(0, floor((expires - (date ?? responseTime)) / 1000)); else
 *   undefined.
 */
export function freshnessLifetime(
  headers: HeaderList,
  shared: boolean,
  responseTime: number,
): number | undefined {
  const d = responseDirectives(headers);
  if (d.invalidFreshness) return 0;
  if (shared && d.sMaxAge !== undefined) return d.sMaxAge;
  if (d.maxAge !== undefined) return d.maxAge;
  const expiresField = getHeader(headers, "expires");
  if (expiresField === undefined) return undefined;
  const expires = parseHttpDate(expiresField, responseTime);
  if (expires === undefined) return 0;
  const dateField = getHeader(headers, "date");
  const date = dateField ? parseHttpDate(dateField, responseTime) : undefined;
  const start = date ?? responseTime;
  return Math.max(0, Math.floor((expires - start) / 1000));
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
 * @hint nudge: a response can be older than the time it spent here: it may have
 *   aged upstream and on the way.
 * @hint concept: RFC 9111 §4.2.3: apparent_age = max(0, response_time -
 *   date_value); corrected_initial_age = max(apparent_age, age_value +
 *   response_time - request_time); current_age adds now - response_time. Times
 *   are in ms, ages in seconds.
 * @hint solution: compute each named quantity in order, dividing the
 *   millisecond differences by 1000, with the date defaulting to the response
 *   time.
 */
export function currentAge(a: AgeInputs, now: number): number {
  const date = a.dateValue ?? a.responseTime;
  const apparentAge = Math.max(0, (a.responseTime - date) / 1000);
  const responseDelay = (a.responseTime - a.requestTime) / 1000;
  const correctedAgeValue = a.ageValue + responseDelay;
  const correctedInitialAge = Math.max(apparentAge, correctedAgeValue);
  const residentTime = (now - a.responseTime) / 1000;
  return correctedInitialAge + residentTime;
}

/** The Age field's value (RFC 9111 §5.1), or 0 when absent or invalid. */
export function ageFieldOf(headers: HeaderList): number {
  return deltaSeconds(getHeader(headers, "age")?.trim()) ?? 0;
}
