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
 * @hint nudge: the format is fixed-width; use the getUTC* methods, never the
 *   local ones.
 * @hint concept: RFC 9110 §5.6.7: IMF-fixdate = day-name "," SP date1 SP
 *   time-of-day SP GMT, as in "Sun, 06 Nov 1994 08:49:37 GMT": English names
 *   from two tables (never the locale), the day, hours, minutes and seconds
 *   zero-padded to two digits, a four-digit year, always GMT.
 * @hint solution: make a Date from the milliseconds and assemble one template
 *   string from its UTC parts: the day name by getUTCDay, the month name by
 *   getUTCMonth, and two() around every two-digit number.
 */
export function formatImfFixdate(ms: number): string {
  const d = new Date(ms);
  const day = DAYS[d.getUTCDay()] as string;
  const month = MONTHS[d.getUTCMonth()] as string;
  const hh = two(d.getUTCHours());
  const mm = two(d.getUTCMinutes());
  const ss = two(d.getUTCSeconds());
  const date = `${two(d.getUTCDate())} ${month} ${d.getUTCFullYear()}`;
  return `${day}, ${date} ${hh}:${mm}:${ss} GMT`;
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
   * @hint nudge: two calls in the same second must not format twice.
   * @hint concept: RFC 9110 §6.6.1 wants a Date on every response, at
   *   one-second resolution, so the string only changes when the whole second
   *   does. Remember which second the cached string was made for, and format
   *   again only when the clock has moved to another one.
   * @hint solution: read the injected clock once, turn it into whole seconds,
   *   and when that differs from the remembered second update both fields
   *   (formatting the start of that second); return the cached string either
   *   way.
   */
  current(): string {
    const second = Math.floor(this.#clock() / 1000);
    if (second !== this.#second) {
      this.#second = second;
      this.#value = this.#format(second * 1000);
    }
    return this.#value;
  }
}

/** The process-wide cache every connection shares. */
export const sharedDateCache: DateCache = new DateCache();
