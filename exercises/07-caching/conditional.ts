// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function validatorsOf(headers: HeaderList, now: number): Validators {
  throw new NotImplemented({
    chapter: "07",
    name: "validatorsOf",
    file: "exercises/07-caching/conditional.ts",
    hint: "the handler's own response says what its validators are.",
  });
}

/**
 * The 304 for a 200: the §15.4.5 fields and no body. Last-Modified stays
 * only when there is no ETag, where it is the sole validator a cache can
 * use to update its stored copy.
 *
 * @exercise
 */
export function notModifiedFrom(response: HttpResponse): HttpResponse {
  throw new NotImplemented({
    chapter: "07",
    name: "notModifiedFrom",
    file: "exercises/07-caching/conditional.ts",
    hint: "a 304 has no body, and only some of the 200's fields.",
  });
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
 */
function answerFor(
  outcome: PreconditionOutcome,
  ok: HttpResponse | undefined,
): HttpResponse | undefined {
  throw new NotImplemented({
    chapter: "07",
    name: "answerFor",
    file: "exercises/07-caching/conditional.ts",
    hint: "four outcomes, and only three of them replace the handler's response.",
  });
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
 */
export function conditional(options: ConditionalOptions = {}): Middleware {
  throw new NotImplemented({
    chapter: "07",
    name: "conditional",
    file: "exercises/07-caching/conditional.ts",
    hint: "reads and writes are checked at different moments: a write before the handler acts, a read after it answered.",
  });
}
