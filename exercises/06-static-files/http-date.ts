/**
 * HTTP-date (RFC 9110 §5.6.7): how Last-Modified and If-Range carry time.
 *
 * Senders MUST generate IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT");
 * recipients must also accept the two obsolete forms, RFC 850
 * ("Sunday, 06-Nov-94 08:49:37 GMT") and asctime ("Sun Nov  6 08:49:37
 * 1994"). We parse exactly those three rather than trusting Date.parse,
 * which accepts almost anything and would let junk compare equal by luck.
 */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const IMF = /^[A-Z][a-z]{2}, (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const RFC850 = /^[A-Z][a-z]+, (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ASCTIME = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/** Formats whole seconds since the epoch as IMF-fixdate. */
export function formatHttpDate(ms: number): string {
  // toUTCString produces exactly IMF-fixdate in every modern engine.
  return new Date(Math.floor(ms / 1000) * 1000).toUTCString();
}

/**
 * RFC 850 has a two-digit year: RFC 9110 §5.6.7 says a year that appears
 * to be more than 50 years in the future is in the past century.
 */
function fullYear(yy: number, nowMs: number): number {
  const now = new Date(nowMs).getUTCFullYear();
  const year = Math.floor(now / 100) * 100 + yy;
  return year > now + 50 ? year - 100 : year;
}

function toMs(y: number, mon: string, d: number, h: number, mi: number, s: number): number {
  const month = MONTHS.indexOf(mon);
  if (month < 0 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return Number.NaN;
  const ms = Date.UTC(y, month, d, h, mi, Math.min(s, 59));
  // Reject dates like 31 Feb that Date.UTC would roll over.
  return new Date(ms).getUTCDate() === d ? ms : Number.NaN;
}

/** Milliseconds since the epoch, or undefined when not an HTTP-date. */
export function parseHttpDate(text: string, nowMs = Date.now()): number | undefined {
  const n = (s: string | undefined): number => Number(s?.trim());
  let ms = Number.NaN;
  const imf = IMF.exec(text);
  const rfc850 = imf ? null : RFC850.exec(text);
  const asctime = imf || rfc850 ? null : ASCTIME.exec(text);
  if (imf) ms = toMs(n(imf[3]), imf[2] ?? "", n(imf[1]), n(imf[4]), n(imf[5]), n(imf[6]));
  else if (rfc850) {
    const [, d, mon, yy, h, mi, s] = rfc850;
    ms = toMs(fullYear(n(yy), nowMs), mon ?? "", n(d), n(h), n(mi), n(s));
  } else if (asctime) {
    const [, mon, d, h, mi, s, y] = asctime;
    ms = toMs(n(y), mon ?? "", n(d), n(h), n(mi), n(s));
  }
  return Number.isNaN(ms) ? undefined : ms;
}
