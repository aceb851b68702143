// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * The error boundary: where a thrown error becomes a response.
 *
 * An HttpError is an answer the application chose (404, 413, 415...): its
 * status, code and message go to the client. Anything else is a bug. The
 * client gets a 500 with a short random error id and nothing else; the log
 * gets the same id with the method, target and stack. The id is what lets
 * a user's bug report ("error id 3f9a1c2e") find the stack trace, without
 * handing the stack, file paths or library versions to an attacker.
 */
import { randomUUID } from "node:crypto";
import { getHeader } from "#ch02/header-list.ts";
import type { HeaderList, HttpRequest, HttpResponse } from "#ch03/message.ts";
import { ClientGone } from "#ch03/incoming-request.ts";
import type { Logger } from "#ch03/logger.ts";
import { STATUS_REASONS } from "#ch03/status-reasons.ts";
import { HttpError } from "./http-error.ts";
import type { Middleware } from "./middleware.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * 8 hex digits (32 random bits): short enough to read out over the phone,
 * enough that two errors in one day's logs practically never share one.
 */
export function newErrorId(): string {
  return randomUUID().slice(0, 8);
}

const TEXT = "text/plain; charset=utf-8";

/** True when the client asked for JSON (an API client, not a browser). */
function wantsJson(request: HttpRequest): boolean {
  const accept = getHeader(request.headers, "accept") ?? "";
  return accept.includes("application/json") || accept.includes("+json");
}

/** What the client is told: `CODE: message`, or the same as JSON. */
function errorBody(
  request: HttpRequest,
  error: HttpError,
  message: string,
): HttpResponse {
  const { status, code } = error;
  const extra = error.headers.filter(([name]) => name !== "content-type");
  if (wantsJson(request)) {
    const body = JSON.stringify({ error: { status, code, message } });
    const headers: HeaderList = [
      ["content-type", "application/json"],
      ...extra,
    ];
    return { status, headers, body };
  }
  const headers: HeaderList = [["content-type", TEXT], ...extra];
  return { status, headers, body: `${code}: ${message}\n` };
}

/** What went wrong, for the log: the stack when there is one. */
function describeThrown(thrown: unknown): string {
  return thrown instanceof Error
    ? (thrown.stack ?? thrown.message)
    : String(thrown);
}

/**
 * The response for anything a handler threw. Unexposed errors (every
 * non-HttpError, and 5xx HttpErrors by default) are logged with a fresh
 * error id, and only the id and the status title reach the client.
 *
 * @exercise
 */
export function errorResponse(
  request: HttpRequest,
  thrown: unknown,
  logger: Logger,
): HttpResponse {
  throw new NotImplemented({
    chapter: "05",
    name: "errorResponse",
    file: "exercises/05-routing/error-boundary.ts",
    hint: "the client learns what it needs to fix its request, and nothing about our internals.",
  });
}

/**
 * The client left mid-request (its body ended early, the connection
 * closed): the client's doing, not a bug, so not a 500 and not an error in
 * the log, where it would bury real ones. Noted at level info; the answer
 * is for the record only, since nobody is there to read it.
 */
function clientGone(
  request: HttpRequest,
  gone: ClientGone,
  logger: Logger,
): HttpResponse {
  const { method, target } = request;
  logger.info?.("client went away", { method, target, reason: gone.message });
  const error = new HttpError({ status: 400, code: gone.code }, gone.message);
  return errorBody(request, error, error.message);
}

/**
 * Middleware that turns whatever `next` throws or rejects with into a
 * response. A synchronous answer stays synchronous: no promise is made
 * for a handler that did not make one.
 *
 * @exercise
 */
export function errorBoundary(logger: Logger): Middleware {
  throw new NotImplemented({
    chapter: "05",
    name: "errorBoundary",
    file: "exercises/05-routing/error-boundary.ts",
    hint: "a handler can fail two ways: by throwing, or by returning a promise that rejects.",
  });
}
