/**
 * The header section as the parser hands it over, and small, pure helpers
 * over it, shared by every chapter that reads or rewrites headers (the
 * connection, routing, static files, caching, compression). It lives here,
 * with the parser that first produces it, so that every later chapter
 * builds on it and chapter 02 needs nothing above itself.
 * Names are compared lowercased: HeaderList stores them lowercased.
 */

/**
 * Header fields in order, names lowercased (RFC 9110 §5.1: field names are
 * case-insensitive), values as received with surrounding whitespace removed.
 * A list and not a map: order and repeated fields (Set-Cookie) matter.
 */
export type HeaderList = readonly (readonly [name: string, value: string])[];

/** The first value of a field, or undefined. */
export function getHeader(headers: HeaderList, name: string): string | undefined {
  const key = name.toLowerCase();
  for (const [n, v] of headers) if (n === key) return v;
  return undefined;
}

/** Every value of a field, in order. */
export function getHeaders(headers: HeaderList, name: string): string[] {
  const key = name.toLowerCase();
  const out: string[] = [];
  for (const [n, v] of headers) if (n === key) out.push(v);
  return out;
}

/**
 * The field's values combined as one list value (RFC 9110 §5.3: a
 * recipient MAY combine multiple field lines with the same name into one
 * by joining the values with commas). Not for Set-Cookie.
 */
export function getCombined(headers: HeaderList, name: string): string | undefined {
  const values = getHeaders(headers, name);
  return values.length === 0 ? undefined : values.join(", ");
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
export function removeHeader(headers: HeaderList | undefined, name: string): HeaderList {
  const key = name.toLowerCase();
  return (headers ?? []).filter(([n]) => n !== key);
}
