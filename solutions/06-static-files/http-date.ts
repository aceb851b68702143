/**
 * HTTP-date (RFC 9110 §5.6.7): the timestamps in Date, Last-Modified,
 * Expires, If-Modified-Since and If-Unmodified-Since.
 *
 *     Sun, 06 Nov 1994 08:49:37 GMT    IMF-fixdate (the one we send)
 *     Sunday, 06-Nov-94 08:49:37 GMT   obsolete RFC 850 format
 *     Sun Nov  6 08:49:37 1994         obsolete asctime() format
 *
 * A sender MUST generate IMF-fixdate; a recipient MUST accept all three.
 * Names are case-sensitive (%s"Nov"), and every time is GMT. We parse
 * exactly those three rather than trust Date.parse, which accepts almost
 * anything and would let junk compare equal by luck. This chapter needs it
 * first (If-Range); chapter 07's caching reads every date through it too.
 */

const MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];
const DAY = "(Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const LONG_DAY = "(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MONTH = `(${MONTHS.join("|")})`;
const TIME = "(\\d{2}):(\\d{2}):(\\d{2})";

/** `Sun, 06 Nov 1994 08:49:37 GMT` */
const IMF_FIXDATE = new RegExp(
  `^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`,
);
/** `Sunday, 06-Nov-94 08:49:37 GMT` */
const RFC850_DATE = new RegExp(
  `^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`,
);
/** `Sun Nov  6 08:49:37 1994`: the day is space-padded, not zero-padded. */
const ASCTIME_DATE = new RegExp(
  `^${DAY} ${MONTH} (\\d{2}| \\d) ${TIME} (\\d{4})$`,
);

/** The parts every format carries, before they become one timestamp. */
interface DateParts {
  readonly year: number;
  readonly month: string;
  readonly day: string;
  readonly time: readonly string[];
}

/** Milliseconds since the epoch, or undefined when a field is out of range. */
function toTimestamp({
  year,
  month,
  day,
  time,
}: DateParts): number | undefined {
  const [hh, mm, ss] = time.map(Number) as [number, number, number];
  const d = Number(day.trim());
  const m = MONTHS.indexOf(month);
  // second = 2DIGIT allows 60 for a leap second; 24:00 and 31 Feb do not exist.
  if (hh > 23 || mm > 59 || ss > 60 || d < 1) return undefined;
  const ms = Date.UTC(year, m, d, hh, mm, Math.min(ss, 59));
  return new Date(ms).getUTCDate() === d ? ms : undefined;
}

/**
 * RFC 9110 §5.6.7 on two-digit years: a recipient MUST interpret a
 * timestamp that appears to be more than 50 years in the future as the
 * most recent past year with the same last two digits.
 */
function fullYear(twoDigits: number, now: number): number {
  const thisYear = new Date(now).getUTCFullYear();
  let year = thisYear - (thisYear % 100) + twoDigits;
  if (year > thisYear + 50) year -= 100;
  return year;
}

/**
 * Parses an HTTP-date in any of the three formats. Returns milliseconds
 * since the epoch, or undefined for anything else, so callers can apply
 * the RFC's "ignore an invalid date" rules. The day name is not checked
 * against the date, as most recipients do not: the numbers carry the
 * meaning. `now` resolves RFC 850's two-digit years.
 *
 * @exercise
 * @hint nudge: try each of the three formats in turn; the first that fits wins.
 * @hint concept: one strict regular expression per format; then range-check the
 *   numbers; a two-digit year needs `now`.
 * @hint solution: match IMF_FIXDATE, RFC850_DATE (year via fullYear),
 *   ASCTIME_DATE (day may be " 6"); pass the parts to toTimestamp.
 */
export function parseHttpDate(
  value: string,
  now: number = Date.now(),
): number | undefined {
  let m = IMF_FIXDATE.exec(value);
  if (m) {
    const [, , day, month, year] = m as unknown as string[];
    return toTimestamp({
      day: day!,
      month: month!,
      year: Number(year),
      time: m.slice(5),
    });
  }
  m = RFC850_DATE.exec(value);
  if (m) {
    const [, , day, month, yy] = m as unknown as string[];
    const year = fullYear(Number(yy), now);
    return toTimestamp({ day: day!, month: month!, year, time: m.slice(5) });
  }
  m = ASCTIME_DATE.exec(value);
  if (m) {
    const [, , month, day] = m as unknown as string[];
    const year = Number(m[7]);
    return toTimestamp({ month: month!, day: day!, year, time: m.slice(4, 7) });
  }
  return undefined;
}

/**
 * Formats a timestamp as IMF-fixdate, the only format a sender may
 * generate. `toUTCString` produces exactly that layout (ECMA-262
 * §21.4.4.43); sub-second precision is dropped, as HTTP-date has none.
 */
export function formatHttpDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toUTCString();
}
