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
 * @hint nudge: the format is fixed-width; use the getUTC* methods, never the local ones.
 * @hint concept: "Sun, 06 Nov 1994 08:49:37 GMT": names from two tables, numbers zero-padded to two digits.
 * @hint solution: const d = new Date(ms); return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(h)}:${two(m)}:${two(s)} GMT`.
 */
export function formatImfFixdate(ms: number): string {
  const d = new Date(ms);
  const day = DAYS[d.getUTCDay()] as string;
  const month = MONTHS[d.getUTCMonth()] as string;
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${day}, ${two(d.getUTCDate())} ${month} ${d.getUTCFullYear()} ${time} GMT`;
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

  constructor(clock: Clock = Date.now, format: (ms: number) => string = formatImfFixdate) {
    this.#clock = clock;
    this.#format = format;
  }

  /**
   * The Date value for now. Formats only when the clock has moved into a
   * new second since the last call; otherwise returns the cached string.
   *
   * @exercise
   * @hint nudge: two calls in the same second must not format twice.
   * @hint concept: remember which whole second the cached string is for; compare Math.floor(now / 1000).
   * @hint solution: const s = Math.floor(this.#clock() / 1000); if (s !== this.#second) { this.#second = s; this.#value = this.#format(s * 1000); } return this.#value;
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
