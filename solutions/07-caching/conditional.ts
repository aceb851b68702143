/**
 * Conditional requests as middleware (RFC 9110 §13): turns a 200 into a
 * 304 Not Modified when the client's copy is current, and refuses with
 * 412 Precondition Failed when a guard does not hold.
 *
 * For GET and HEAD the middleware asks the handler first and reads the
 * validators (ETag, Last-Modified) off its response, then discards the
 * body unread: a lazily opened file behind a 304 is never opened. For
 * unsafe methods that would be too late (the PUT has already happened),
 * so the application supplies `currentValidators` and the check runs
 * before the handler.
 */
import { getHeader, setHeader } from "#ch02/header-list.ts";
import type {
  Handler,
  HeaderList,
  HttpRequest,
  HttpResponse,
} from "#ch03/message.ts";
import { parseEntityTag } from "./entity-tag.ts";
import { parseHttpDate } from "#ch06/http-date.ts";
import type { Middleware } from "#ch05/middleware.ts";
import { type Clock, systemClock } from "./clock.ts";
import {
  evaluatePreconditions,
  type PreconditionOutcome,
  type Validators,
} from "./preconditions.ts";

export interface ConditionalOptions {
  /**
   * The current validators of the target, for unsafe methods; undefined
   * when it has no current representation. Without this function an
   * unsafe request that carries a precondition gets 412: the server
   * cannot show the guard holds, so it must not act (RFC 9110 §13.1.1).
   */
  readonly currentValidators?: (
    request: HttpRequest,
  ) => Validators | undefined | Promise<Validators | undefined>;
  readonly clock?: Clock;
}

export const PRECONDITION_FIELDS = [
  "if-match",
  "if-none-match",
  "if-modified-since",
  "if-unmodified-since",
] as const;

/**
 * §13.2.1: preconditions are ignored for methods that neither select nor
 * modify a representation.
 */
const IGNORED_METHODS: ReadonlySet<string> = new Set([
  "CONNECT",
  "OPTIONS",
  "TRACE",
]);

/**
 * Fields a 304 keeps (RFC 9110 §15.4.5), plus Age and Cache-Status, which
 * describe the cache's answer rather than the representation.
 */
const NOT_MODIFIED_FIELDS: ReadonlySet<string> = new Set([
  "cache-control",
  "content-location",
  "date",
  "etag",
  "expires",
  "vary",
  "age",
  "cache-status",
]);

/**
 * The validators a response carries in its ETag and Last-Modified.
 *
 * @exercise
 * @hint nudge: the handler's own response says what its validators are.
 * @hint concept: RFC 9110 §8.8: the validators of a representation are its
 *   ETag (§8.8.3) and Last-Modified (§8.8.2). Read both from the response's
 *   fields and parse each when present; the representation exists, since the
 *   handler produced it.
 * @hint solution: two getHeader calls; parse the tag with parseEntityTag and
 *   the date with parseHttpDate (with now); return an existing-representation
 *   record with undefined for whatever is missing.
 */
export function validatorsOf(headers: HeaderList, now: number): Validators {
  const etag = getHeader(headers, "etag");
  const lastModified = getHeader(headers, "last-modified");
  return {
    exists: true,
    etag: etag === undefined ? undefined : parseEntityTag(etag),
    lastModified:
      lastModified === undefined ? undefined : parseHttpDate(lastModified, now),
  };
}

/**
 * The 304 for a 200: the §15.4.5 fields and no body. Last-Modified stays
 * only when there is no ETag, where it is the sole validator a cache can
 * use to update its stored copy.
 *
 * @exercise
 * @hint nudge: a 304 has no body, and only some of the 200's fields.
 * @hint concept: RFC 9110 §15.4.5: a 304 carries the fields a 200 would have
 *   that describe the stored response (Content-Location, Date, ETag, Vary,
 *   Cache-Control, Expires). Keep those; keep Last-Modified only when there is
 *   no ETag.
 * @hint solution: check for an ETag; filter the headers by NOT_MODIFIED_FIELDS
 *   or the Last-Modified exception; return status 304 with them.
 */
export function notModifiedFrom(response: HttpResponse): HttpResponse {
  const headers = response.headers ?? [];
  const hasEtag = getHeader(headers, "etag") !== undefined;
  const kept = headers.filter(
    ([name]) =>
      NOT_MODIFIED_FIELDS.has(name) || (name === "last-modified" && !hasEtag),
  );
  return { status: 304, headers: kept };
}

const NO_VALIDATORS = "Precondition Failed: no validators for this resource";

/** A short plain-text answer for 400 and 412. */
function refusal(status: 400 | 412, reason: string): HttpResponse {
  const headers = setHeader([], "content-type", "text/plain; charset=utf-8");
  return { status, headers, body: `${reason}\n` };
}

/**
 * Maps an outcome to the response that replaces the handler's, if any.
 *
 * @exercise
 * @hint nudge: four outcomes, and only three of them replace the handler's
 *   response.
 * @hint concept: proceed: nothing. malformed: 400 with the reason. failed: 412
 *   Precondition Failed naming the field (RFC 9110 §15.5.13). not-modified: a
 *   304 made from the 200 when there is one (§15.4.5), else 412, since a write
 *   cannot be not-modified.
 * @hint solution: a switch over the outcome's kind: no replacement, the
 *   refusal helper with 400 or 412 and the field, or notModifiedFrom the 200.
 */
function answerFor(
  outcome: PreconditionOutcome,
  ok: HttpResponse | undefined,
): HttpResponse | undefined {
  switch (outcome.kind) {
    case "proceed":
      return undefined;
    case "malformed":
      return refusal(400, `Bad Request: ${outcome.reason}`);
    case "failed":
      return refusal(
        412,
        `Precondition Failed: ${outcome.field} does not hold`,
      );
    case "not-modified":
      return ok === undefined
        ? refusal(412, "Precondition Failed")
        : notModifiedFrom(ok);
  }
}

/**
 * Does the request carry any precondition field? One pass over the fields,
 * comparing names only when they start with "if-": most requests have
 * none, and then neither this chapter nor the next has anything to do.
 */
export function hasPreconditions(headers: HeaderList): boolean {
  for (let i = 0; i < headers.length; i++) {
    const name = (headers[i] as readonly [string, string])[0];
    if (
      name.length > 3 &&
      name.charCodeAt(0) === 0x69 /* i */ &&
      name.charCodeAt(2) === 0x2d
    ) {
      if ((PRECONDITION_FIELDS as readonly string[]).includes(name))
        return true;
    }
  }
  return false;
}

/**
 * Conditional requests for every handler behind it.
 *
 * @exercise
 * @hint nudge: reads and writes are checked at different moments: a write
 *   before the handler acts, a read after it answered.
 * @hint concept: no precondition field, or a method that ignores them (CONNECT,
 *   OPTIONS, TRACE: RFC 9110 §13.2.1): next, synchronously. A write is checked
 *   first, against currentValidators (none: 412); a GET or HEAD after the
 *   handler, on a 2xx only, which a 304 or 412 replaces.
 * @hint solution: the cheap guard first, else evaluate asynchronously. A write
 *   looks up its validators, then answerFor the outcome or calls next. A read
 *   awaits next; a 2xx is evaluated on validatorsOf its headers, and answerFor
 *   replaces it or it goes out as it is.
 */
export function conditional(options: ConditionalOptions = {}): Middleware {
  const clock = options.clock ?? systemClock;
  return (next) => (request) => {
    if (
      !hasPreconditions(request.headers) ||
      IGNORED_METHODS.has(request.method)
    ) {
      return next(request);
    }
    return evaluate(request, next);
  };

  async function evaluate(
    request: HttpRequest,
    next: Handler,
  ): Promise<HttpResponse> {
    const { method } = request;
    if (method !== "GET" && method !== "HEAD") {
      const lookup = options.currentValidators;
      if (lookup === undefined) return refusal(412, NO_VALIDATORS);
      const current = (await lookup(request)) ?? { exists: false };
      const outcome = evaluatePreconditions(request, current, clock());
      return answerFor(outcome, undefined) ?? next(request);
    }
    const response = await next(request);
    // §13.2.1: only a 2xx would have been sent; anything else stands.
    if (response.status < 200 || response.status > 299) return response;
    const now = clock();
    const current = validatorsOf(response.headers ?? [], now);
    const outcome = evaluatePreconditions(request, current, now);
    return answerFor(outcome, response) ?? response;
  }
}
