// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * CORS, the server's half of the Fetch standard's CORS protocol.
 *
 * A browser lets a page read a response from another origin only if the
 * response says so (Access-Control-Allow-Origin). For a request a plain
 * HTML form could not have sent (a PUT, a JSON body, a custom header),
 * the browser first asks with a preflight: OPTIONS with
 * Access-Control-Request-Method and -Headers, and sends the real request
 * only if the answer allows it. CORS loosens the same-origin policy; it
 * protects nothing on the server, so the default allows no origin.
 */
import { getHeader } from "#ch02/header-list.ts";
import type { HeaderList, HttpRequest } from "#ch03/message.ts";
import type { Middleware } from "#ch05/middleware.ts";
import { mergeVary } from "#ch08/vary.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * 600 s: a page making the same cross-origin call again within ten
 * minutes does not preflight again. Chromium caps the value at 7200 s,
 * Firefox at 86 400; the Fetch standard's default, with no field, is 5 s.
 */
export const CORS_MAX_AGE_S = 600;

export interface CorsPolicy {
  /** Origins allowed, exactly as a browser sends them; "*" for any. */
  readonly origins: readonly string[] | "*";
  readonly methods: readonly string[];
  /** Request headers allowed beyond the CORS-safelisted ones, lower case. */
  readonly headers: readonly string[];
  /** Response headers the page may read beyond the safelisted ones. */
  readonly exposeHeaders: readonly string[];
  /** Cookies and HTTP auth cross-origin; forbids "*" (Fetch §3.2.5). */
  readonly credentials: boolean;
  readonly maxAgeSeconds: number;
}

export const DEFAULT_CORS_POLICY: CorsPolicy = {
  origins: [],
  methods: ["GET", "HEAD", "POST"],
  headers: ["content-type"],
  exposeHeaders: [],
  credentials: false,
  maxAgeSeconds: CORS_MAX_AGE_S,
};

/**
 * The Access-Control-Allow-Origin value for `origin`, or undefined when
 * it is not allowed. With credentials the wildcard is not honoured by
 * browsers, so the origin itself is echoed.
 *
 * @exercise
 */
export function allowedOrigin(
  origin: string,
  policy: CorsPolicy,
): string | undefined {
  throw new NotImplemented({
    chapter: "10",
    name: "allowedOrigin",
    file: "exercises/10-hardening/cors.ts",
    hint: "three cases: listed origin, wildcard policy, anything else.",
  });
}

export type CorsDecision =
  /** No Origin: not a CORS request; the response passes untouched. */
  | { readonly kind: "not-cors" }
  /** A preflight we answer ourselves, allowed or not. */
  | {
      readonly kind: "preflight";
      readonly status: 204 | 403;
      readonly headers: HeaderList;
    }
  /** A CORS request: add these fields to the handler's response. */
  | { readonly kind: "actual"; readonly headers: HeaderList };

/** Methods a preflight never needs to ask about (Fetch §2.2.1). */
const SAFELISTED_METHODS = new Set(["GET", "HEAD", "POST"]);

/** The comma-separated names in Access-Control-Request-Headers. */
function requestedHeaders(request: HttpRequest): string[] {
  const value =
    getHeader(request.headers, "access-control-request-headers") ?? "";
  return value
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== "");
}

/**
 * What to do with one request. A preflight is an OPTIONS with both
 * Origin and Access-Control-Request-Method (Fetch §4.8). It is allowed
 * when the origin is, the method is safelisted or listed, and every
 * requested header is listed; the answer lists the methods and headers
 * and how long to cache it. Every answer that depends on Origin says so
 * in Vary, so a cache never hands one origin's answer to another.
 *
 * @exercise
 */
export function corsDecision(
  request: HttpRequest,
  policy: CorsPolicy,
): CorsDecision {
  throw new NotImplemented({
    chapter: "10",
    name: "corsDecision",
    file: "exercises/10-hardening/cors.ts",
    hint: "no Origin → not CORS; OPTIONS + Access-Control-Request-Method → preflight; else an actual request.",
  });
}

/**
 * Answers preflights and labels cross-origin responses.
 *
 * @exercise
 */
export function cors(policy: Partial<CorsPolicy> = {}): Middleware {
  throw new NotImplemented({
    chapter: "10",
    name: "cors",
    file: "exercises/10-hardening/cors.ts",
    hint: "three decisions, three behaviours; only one of them skips the handler.",
  });
}
