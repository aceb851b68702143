/**
 * Small, pure helpers over HeaderList, shared by every chapter that reads
 * or rewrites headers (routing, static files, caching, compression).
 * Names are compared lowercased: HeaderList stores them lowercased.
 */
import type { HeaderList } from "./message.ts";

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
