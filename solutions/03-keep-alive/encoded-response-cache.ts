/**
 * The bytes of a response a handler returns again and again.
 *
 * Many handlers answer with a constant: a health check, a 404, the
 * benchmark's "hello world". Encoding it checks every field name and value
 * and builds the head string, for the same result each time. When the
 * handler hands back the very same object, and that object provably cannot
 * have changed, its bytes can be reused until the Date changes (once a
 * second) or the request asks for a different variant (HEAD, HTTP/1.0, a
 * closing connection).
 *
 * "Cannot have changed" means deeply frozen plain data: Object.freeze on
 * the response, its header list and every field, with no getters anywhere.
 * A handler that mutates and returns one object each time is never cached,
 * because it cannot be frozen; nothing is weakened for anyone.
 *
 * A body of bytes cannot be frozen (Object.freeze throws on a typed array
 * with elements), so its owner says so instead, with immutableBytes: a
 * file held in memory (chapter 06) is one such body.
 */
import type { HttpResponse } from "./message.ts";
import type { RequestContext } from "./response-encoder.ts";

/** What a cached encoding is valid for. */
interface Entry<T> {
  readonly date: string;
  readonly head: boolean;
  readonly version: string;
  readonly keepAlive: boolean;
  readonly value: T;
}

/**
 * Byte arrays whose owner has promised never to write to them again: the
 * freeze that a typed array cannot have. Weakly held, so a promise lasts
 * as long as the bytes and costs nothing after them.
 */
const IMMUTABLE_BYTES = new WeakSet<Uint8Array>();

/**
 * Declares `bytes` never written again, by anyone, and returns them: a
 * frozen response with them as its body then counts as immutable, and its
 * encoding, body included, is reused. Only for bytes the caller owns and
 * hands out to nobody who could write to them.
 */
export function immutableBytes<T extends Uint8Array>(bytes: T): T {
  IMMUTABLE_BYTES.add(bytes);
  return bytes;
}

/** A body that cannot change: a string, or bytes declared immutable. */
function immutableBody(body: unknown): boolean {
  return (
    typeof body === "string" ||
    (body instanceof Uint8Array && IMMUTABLE_BYTES.has(body))
  );
}

/** An own data property, or absent: never a getter. */
function plainField(object: object, key: string): boolean {
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  return descriptor === undefined || "value" in descriptor;
}

/**
 * True when nothing reachable from the response can change: frozen plain
 * objects and arrays, a string body, bytes declared immutable or none, no
 * accessors. Checked once
 * per object (freezing is permanent), so its cost is not per request.
 */
export function isImmutableResponse(response: HttpResponse): boolean {
  const proto: unknown = Object.getPrototypeOf(response);
  if (proto !== Object.prototype && proto !== null) return false;
  if (!Object.isFrozen(response)) return false;
  for (const key of ["status", "reason", "headers", "body", "trailers"]) {
    if (!plainField(response, key)) return false;
  }
  const { body, headers, reason } = response;
  if (body !== undefined && !immutableBody(body)) return false;
  if (reason !== undefined && typeof reason !== "string") return false;
  if (headers === undefined) return true;
  if (!Array.isArray(headers) || !Object.isFrozen(headers)) return false;
  for (let i = 0; i < headers.length; i++) {
    if (!plainField(headers, String(i))) return false;
    const field = headers[i];
    if (!Array.isArray(field) || !Object.isFrozen(field) || field.length !== 2)
      return false;
    if (!plainField(field, "0") || !plainField(field, "1")) return false;
  }
  return true;
}

/**
 * A copy of `response` frozen with each of its fields, for a layer that
 * keeps the same answer for many requests. A body of bytes stays as it
 * is: only its owner can promise it never changes (immutableBytes).
 */
export function frozenCopy(response: HttpResponse): HttpResponse {
  const headers = Object.freeze(
    (response.headers ?? []).map((field) => Object.freeze([...field] as const)),
  );
  return Object.freeze({ ...response, headers });
}

/** Encodings of immutable responses, keyed by the response object. */
export class EncodedResponseCache<T> {
  readonly #entries = new WeakMap<HttpResponse, Entry<T> | null>();

  /** The cached encoding for this request variant and date, if any. */
  get(
    response: HttpResponse,
    ctx: RequestContext,
    date: string,
  ): T | undefined {
    const entry = this.#entries.get(response);
    if (entry === undefined || entry === null) return undefined;
    if (entry.date !== date || entry.keepAlive !== ctx.keepAlive)
      return undefined;
    if (entry.version !== ctx.version || entry.head !== (ctx.method === "HEAD"))
      return undefined;
    return entry.value;
  }

  /** Remembers an encoding, if the response cannot change under us. */
  set(
    response: HttpResponse,
    ctx: RequestContext,
    date: string,
    value: T,
  ): void {
    if (!Object.isFrozen(response)) return; // the common case: say nothing
    const previous = this.#entries.get(response);
    if (previous === null) return; // frozen, but not all the way down
    if (previous === undefined && !isImmutableResponse(response)) {
      this.#entries.set(response, null);
      return;
    }
    const { version, keepAlive } = ctx;
    const head = ctx.method === "HEAD";
    this.#entries.set(response, { date, head, version, keepAlive, value });
  }
}
