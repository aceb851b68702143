/**
 * The responses the connection itself sends: parse errors, timeouts,
 * refused bodies, and the 500 that replaces a handler's failure. Short
 * text/plain bodies a human at a terminal can read; never a stack trace,
 * which would tell an attacker about our code (the log gets that).
 */
import type { ConnectionError } from "./body-decoder.ts";
import type { Logger } from "./logger.ts";
import type { HttpResponse } from "./message.ts";
import {
  type EncodedResponse,
  encodeResponse,
  type RequestContext,
} from "./response-encoder.ts";
import type { ResponseFramer } from "./response-framer.ts";
import { EncodedResponseCache } from "./encoded-response-cache.ts";

/** A response the writer can send. */
export type Sendable = Exclude<EncodedResponse, { kind: "invalid" }>;

const TEXT_PLAIN: readonly (readonly [string, string])[] = [
  ["content-type", "text/plain; charset=utf-8"],
];

/** What a handler's failure turns into. */
export const INTERNAL_ERROR: ConnectionError = {
  code: "HANDLER_FAILED",
  status: 500,
  reason: "internal server error",
};

/** A response carrying the error's status and reason. */
export function errorResponse(error: ConnectionError): HttpResponse {
  return {
    status: error.status,
    headers: TEXT_PLAIN,
    body: `${error.reason}\n`,
  };
}

/** The encoder settings every response of a connection shares. */
export interface EncodeSettings {
  readonly dateCache: { current(): string };
  readonly framer: ResponseFramer;
  readonly logger: Logger;
}

/** Encodes an error response; ours are always valid. */
export function encodeError(
  error: ConnectionError,
  ctx: RequestContext,
  settings: EncodeSettings,
): Sendable {
  const date = settings.dateCache.current();
  const encoded = encodeResponse(
    errorResponse(error),
    ctx,
    date,
    settings.framer,
  );
  if (encoded.kind === "invalid")
    throw new Error(`error response invalid: ${encoded.reason}`);
  return encoded;
}

/**
 * Held bodies only: those never meet the framer, so one cache serves
 * every connection whatever its settings.
 */
const encodedOnce = new EncodedResponseCache<Sendable>();

/**
 * Encodes what a handler returned, or a 500 in its place when it cannot
 * be sent (bad status, a header with CR/LF, not a response at all). The
 * reason goes to the log, not to the client. A deeply frozen response
 * returned again is not encoded again (encoded-response-cache.ts).
 *
 * @exercise
 * @hint nudge: a handler can return anything, and a response that cannot be
 *   sent must not crash the connection.
 * @hint concept: not an object: log it, send a 500. Else reuse the encoded copy
 *   of a frozen response returned again, or encode it and cache a fixed result.
 *   An invalid response is logged with its reason and replaced by a 500: the
 *   client never sees our reason.
 * @hint solution: typeof check with encodeError(INTERNAL_ERROR, ...); date from
 *   settings.dateCache; encodedOnce.get / encodeResponse / encodedOnce.set for
 *   'bytes'; log and encodeError for invalid.
 */
export function encodeOrReplace(
  response: unknown,
  ctx: RequestContext,
  settings: EncodeSettings,
): Sendable {
  if (typeof response !== "object" || response === null) {
    settings.logger.error("handler returned no response", { response });
    return encodeError(INTERNAL_ERROR, ctx, settings);
  }
  const date = settings.dateCache.current();
  const cached = encodedOnce.get(response as HttpResponse, ctx, date);
  if (cached !== undefined) return cached;
  const encoded = encodeResponse(
    response as HttpResponse,
    ctx,
    date,
    settings.framer,
  );
  if (encoded.kind === "bytes")
    encodedOnce.set(response as HttpResponse, ctx, date, encoded);
  if (encoded.kind !== "invalid") return encoded;
  settings.logger.error("response cannot be sent", { reason: encoded.reason });
  return encodeError(INTERNAL_ERROR, ctx, settings);
}
