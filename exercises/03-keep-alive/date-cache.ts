// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * The Date header, formatted at most once per second.
 *
 * An origin server with a clock MUST send Date in 2xx, 3xx and 4xx
 * responses (RFC 9110 §6.6.1), in IMF-fixdate form (RFC 9110 §5.6.7):
 *
 *     Sun, 06 Nov 1994 08:49:37 GMT
 *
 * The value only changes once a second, but a busy server answers tens of
 * thousands of requests a second. Formatting once and reusing the string
 * until the second turns over takes a date formatter off the hot path.
 */
import { NotImplemented } from "#course/not-implemented.ts";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = [
  "Jan", "Feb", "Mar", "Apr", "May", "Jun",
  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
] as const; // biome-ignore format: a table reads better in rows

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/**
 * Formats a time as IMF-fixdate: day-name, two-digit day, month name,
 * four-digit year, hh:mm:ss, and the literal "GMT" (RFC 9110 §5.6.7).
 * Always UTC, whatever the server's time zone.
 *
 * @exercise
 */
export function formatImfFixdate(ms: number): string {
  throw new NotImplemented({
    chapter: "03",
    name: "formatImfFixdate",
    file: "exercises/03-keep-alive/date-cache.ts",
    hint: "the format is fixed-width; use the getUTC* methods, never the local ones.",
  });
}

/** Milliseconds since the epoch; injectable so tests can move time. */
export type Clock = () => number;

/** A cached IMF-fixdate string that is re-formatted once per second. */
export class DateCache {
  readonly #clock: Clock;
  readonly #format: (ms: number) => string;
  /** The second (ms / 1000, floored) that #value was formatted for. */
  #second = -1;
  #value = "";

  constructor(
    clock: Clock = Date.now,
    format: (ms: number) => string = formatImfFixdate,
  ) {
    this.#clock = clock;
    this.#format = format;
  }

  /**
   * The Date value for now. Formats only when the clock has moved into a
   * new second since the last call; otherwise returns the cached string.
   *
   * @exercise
   */
  current(): string {
    throw new NotImplemented({
      chapter: "03",
      name: "DateCache.current",
      file: "exercises/03-keep-alive/date-cache.ts",
      hint: "two calls in the same second must not format twice.",
    });
  }
}

/** The process-wide cache every connection shares. */
export const sharedDateCache: DateCache = new DateCache();
