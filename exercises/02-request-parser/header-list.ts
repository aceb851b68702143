/**
 * The header section as the parser hands it over, and small, pure helpers
 * over it, shared by every chapter that reads or rewrites headers (the
 * connection, routing, static files, caching, compression). It lives here,
 * with the parser that first produces it, so that every later chapter
 * builds on it and chapter 02 needs nothing above itself.
 * Names are compared lowercased: HeaderList stores them lowercased.
 *
 * The readers run on every request, in every layer that asks about a
 * field, so they use indexed loops, lowercase the name only when it is not
 * already, and allocate nothing unless a value must be built.
 */

/**
 * Header fields in order, names lowercased (RFC 9110 §5.1: field names are
 * case-insensitive), values as received with surrounding whitespace removed.
 * A list and not a map: order and repeated fields (Set-Cookie) matter.
 */
export type HeaderList = readonly (readonly [name: string, value: string])[];

/**
 * Names already looked up, with their lowercase form. Callers ask for a
 * handful of constant names ("content-length", "accept-encoding"), so
 * after the first request each is one map lookup instead of a scan of
 * its characters (a 15-character scan cost more than the search through
 * a short header list). Bounded: past LOWERED_NAMES distinct names, new
 * ones are scanned each time and not remembered.
 */
const LOWERED_NAMES = 256;
const lowered = new Map<string, string>();

/** The name asked last, and its lowercase form: found without the map. */
let lastName = "";
let lastKey = "";

/** `name` lowercased; the same string when it already is (the usual case). */
function lower(name: string): string {
  if (name === lastName) return lastKey;
  const known = lowered.get(name);
  if (known !== undefined) {
    lastName = name;
    lastKey = known;
    return known;
  }
  let key = name;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) {
      key = name.toLowerCase();
      break;
    }
  }
  if (lowered.size < LOWERED_NAMES) lowered.set(name, key);
  return key;
}

/** The first value of a field, or undefined. */
export function getHeader(
  headers: HeaderList,
  name: string,
): string | undefined {
  const key = lower(name);
  for (let i = 0; i < headers.length; i++) {
    const field = headers[i] as readonly [string, string];
    if (field[0] === key) return field[1];
  }
  return undefined;
}

/** Every value of a field, in order. */
export function getHeaders(headers: HeaderList, name: string): string[] {
  const key = lower(name);
  const out: string[] = [];
  for (let i = 0; i < headers.length; i++) {
    const field = headers[i] as readonly [string, string];
    if (field[0] === key) out.push(field[1]);
  }
  return out;
}

/**
 * The field's values combined as one list value (RFC 9110 §5.3: a
 * recipient MAY combine multiple field lines with the same name into one
 * by joining the values with commas). Not for Set-Cookie.
 */
export function getCombined(
  headers: HeaderList,
  name: string,
): string | undefined {
  const key = lower(name);
  let combined: string | undefined;
  for (let i = 0; i < headers.length; i++) {
    const field = headers[i] as readonly [string, string];
    if (field[0] === key)
      combined = combined === undefined ? field[1] : `${combined}, ${field[1]}`;
  }
  return combined;
}

/** A copy with every line of `name` replaced by one line with `value`. */
export function setHeader(
  headers: HeaderList | undefined,
  name: string,
  value: string,
): HeaderList {
  const key = name.toLowerCase();
  return [...(headers ?? []).filter(([n]) => n !== key), [key, value]];
}

/** A copy with one more line appended (repeats allowed). */
export function appendHeader(
  headers: HeaderList | undefined,
  name: string,
  value: string,
): HeaderList {
  return [...(headers ?? []), [name.toLowerCase(), value]];
}

/** A copy without any line of `name`. */
export function removeHeader(
  headers: HeaderList | undefined,
  name: string,
): HeaderList {
  const key = name.toLowerCase();
  return (headers ?? []).filter(([n]) => n !== key);
}
