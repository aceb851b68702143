// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function encodeOrReplace(
  response: unknown,
  ctx: RequestContext,
  settings: EncodeSettings,
): Sendable {
  throw new NotImplemented({
    chapter: "03",
    name: "encodeOrReplace",
    file: "exercises/03-keep-alive/error-response.ts",
    hint: "a handler can return anything, and a response that cannot be sent must not crash the connection.",
  });
}
