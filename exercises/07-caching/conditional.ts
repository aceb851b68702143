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
import type { HeaderList, HttpRequest, HttpResponse } from "#ch03/message.ts";
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

const PRECONDITION_FIELDS = [
  "if-match",
  "if-none-match",
  "if-modified-since",
  "if-unmodified-since",
] as const;

/**
 * §13.2.1: preconditions are ignored for methods that neither select nor
 * modify a representation.
 */
const IGNORED_METHODS: ReadonlySet<string> = new Set(["CONNECT", "OPTIONS", "TRACE"]);

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

/** The validators a response carries in its ETag and Last-Modified. */
export function validatorsOf(headers: HeaderList, now: number): Validators {
  const etag = getHeader(headers, "etag");
  const lastModified = getHeader(headers, "last-modified");
  return {
    exists: true,
    etag: etag === undefined ? undefined : parseEntityTag(etag),
    lastModified: lastModified === undefined ? undefined : parseHttpDate(lastModified, now),
  };
}

/**
 * The 304 for a 200: the §15.4.5 fields and no body. Last-Modified stays
 * only when there is no ETag, where it is the sole validator a cache can
 * use to update its stored copy.
 */
export function notModifiedFrom(response: HttpResponse): HttpResponse {
  const headers = response.headers ?? [];
  const hasEtag = getHeader(headers, "etag") !== undefined;
  const kept = headers.filter(
    ([name]) => NOT_MODIFIED_FIELDS.has(name) || (name === "last-modified" && !hasEtag),
  );
  return { status: 304, headers: kept };
}

const NO_VALIDATORS = "Precondition Failed: no validators for this resource";

/** A short plain-text answer for 400 and 412. */
function refusal(status: 400 | 412, reason: string): HttpResponse {
  const headers = setHeader([], "content-type", "text/plain; charset=utf-8");
  return { status, headers, body: `${reason}\n` };
}

/** Maps an outcome to the response that replaces the handler's, if any. */
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
      return refusal(412, `Precondition Failed: ${outcome.field} does not hold`);
    case "not-modified":
      return ok === undefined ? refusal(412, "Precondition Failed") : notModifiedFrom(ok);
  }
}

/** Conditional requests for every handler behind it. */
export function conditional(options: ConditionalOptions = {}): Middleware {
  const clock = options.clock ?? systemClock;
  return (next) => async (request) => {
    const { method, headers } = request;
    const present = (f: string): boolean => getHeader(headers, f) !== undefined;
    const guarded = PRECONDITION_FIELDS.some(present);
    if (!guarded || IGNORED_METHODS.has(method)) return next(request);
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
  };
}
