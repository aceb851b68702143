/**
 * Constant responses, mapped once.
 *
 * Most answers a server gives are the same object every time: a route's
 * frozen `hello world`, chapter 10's frozen copy of it with the security
 * headers joined. Mapping one to HTTP/2 (lower-casing names, dropping
 * HTTP/1.1's fields, encoding the body, adding Content-Length) gives the
 * same result every time too, except for the Date, which changes once a
 * second. So the mapping of a frozen response is kept, per second, with
 * its field list frozen: the connection's HPACK encoder then keeps the
 * encoded block of that list as well (outbound.ts), as chapter 03 keeps
 * an HTTP/1.1 head.
 *
 * Only what cannot change is kept: a frozen response with frozen headers
 * and a body that is absent, a string, or bytes. A streamed body is
 * pulled once, so its response is never reused.
 */
import type { HeaderList, HttpResponse } from "#ch03/message.ts";
import { type MappedResponse, mapResponse } from "./response-mapping.ts";

interface Kept {
  readonly date: string;
  readonly mapped: MappedResponse;
}

/** Per response: the mapping for HEAD, and for every other method. */
const kept = new WeakMap<HttpResponse, { head?: Kept; other?: Kept }>();

/** Frozen all the way down: the list and each field of it. */
function frozenList(headers: HeaderList | undefined): boolean {
  if (headers === undefined) return true;
  if (!Object.isFrozen(headers)) return false;
  for (const field of headers) if (!Object.isFrozen(field)) return false;
  return true;
}

function constant(response: HttpResponse): boolean {
  const body = response.body;
  if (body !== undefined && typeof body !== "string") {
    if (!(body instanceof Uint8Array)) return false;
  }
  return Object.isFrozen(response);
}

/**
 * mapResponse, reusing the mapping of a constant response made in the
 * same second (the Date is part of it).
 */
export function mapResponseOnce(
  response: HttpResponse,
  method: string,
  date: string,
): MappedResponse {
  if (!constant(response)) return mapResponse(response, method, date);
  let slots = kept.get(response);
  // HEAD differs from GET only in having no content (RFC 9110 §9.3.2).
  const head = method === "HEAD";
  const found = head ? slots?.head : slots?.other;
  if (found !== undefined && found.date === date) return found.mapped;
  if (slots === undefined && !frozenList(response.headers)) {
    return mapResponse(response, method, date);
  }
  const mapped = mapResponse(response, method, date);
  if (!mapped.ok) return mapped;
  Object.freeze(mapped.fields);
  slots ??= {};
  if (head) slots.head = { date, mapped };
  else slots.other = { date, mapped };
  kept.set(response, slots);
  return mapped;
}
