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
 * @hint nudge: three cases: listed origin, wildcard policy, anything else.
 * @hint concept: Fetch §3.2.5: Access-Control-Allow-Origin is "*" or one
 *   origin, and "*" fails a credentialed request. So "*" answers "*", or the
 *   origin itself with credentials; a listed origin gets itself; else nothing.
 *   Origins compare exactly.
 * @hint solution: two cases: a "*" policy answers the origin when credentials
 *   are on and "*" otherwise; a list answers the origin when it includes it
 *   exactly, and nothing when it does not.
 */
export function allowedOrigin(
  origin: string,
  policy: CorsPolicy,
): string | undefined {
  if (policy.origins === "*") return policy.credentials ? origin : "*";
  return policy.origins.includes(origin) ? origin : undefined;
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
 * @hint nudge: no Origin → not CORS; OPTIONS + Access-Control-Request-Method →
 *   preflight; else an actual request.
 * @hint concept: Fetch §4.8: a preflight passes when the origin, the method
 *   (safelisted or listed) and every requested header do: 204 with the Allow
 *   fields and Max-Age, else 403. An actual request gets Allow-Origin (+
 *   Credentials, Expose-Headers); Vary: Origin when it depends on it.
 * @hint solution: follow the chapter's diagram: no Origin is not-cors; ask
 *   allowedOrigin; the common fields are Allow-Origin (+ Allow-Credentials
 *   "true" with credentials). A preflight adds methods, headers, max-age (or is
 *   a 403); an actual request adds Expose-Headers.
 */
export function corsDecision(
  request: HttpRequest,
  policy: CorsPolicy,
): CorsDecision {
  const origin = getHeader(request.headers, "origin");
  if (origin === undefined) return { kind: "not-cors" };
  const allow = allowedOrigin(origin, policy);
  const vary: HeaderList = allow === "*" ? [] : [["vary", "Origin"]];
  const common: HeaderList =
    allow === undefined
      ? vary
      : [
          ["access-control-allow-origin", allow],
          ...(policy.credentials
            ? [["access-control-allow-credentials", "true"] as const]
            : []),
          ...vary,
        ];
  const method = getHeader(request.headers, "access-control-request-method");
  if (request.method === "OPTIONS" && method !== undefined) {
    const methodOk =
      SAFELISTED_METHODS.has(method) || policy.methods.includes(method);
    const headersOk = requestedHeaders(request).every((h) =>
      policy.headers.includes(h),
    );
    if (allow === undefined || !methodOk || !headersOk) {
      return { kind: "preflight", status: 403, headers: vary };
    }
    const fields: HeaderList = [
      ...common,
      ["access-control-allow-methods", policy.methods.join(", ")],
      ["access-control-allow-headers", policy.headers.join(", ")],
      ["access-control-max-age", String(policy.maxAgeSeconds)],
    ];
    return { kind: "preflight", status: 204, headers: fields };
  }
  if (allow === undefined || policy.exposeHeaders.length === 0) {
    return { kind: "actual", headers: common };
  }
  const expose = policy.exposeHeaders.join(", ");
  return {
    kind: "actual",
    headers: [...common, ["access-control-expose-headers", expose]],
  };
}

/**
 * Answers preflights and labels cross-origin responses.
 *
 * @exercise
 * @hint nudge: three decisions, three behaviours; only one of them skips the
 *   handler.
 * @hint concept: not-cors → the handler's response, plus Vary: Origin unless
 *   the policy is "*" without credentials; preflight → answer it here (204 with
 *   the fields, or 403 with a reason); actual → the handler's response with the
 *   decision's fields added, merging vary with mergeVary.
 * @hint solution: ask corsDecision. not-cors: the handler's answer, plus Vary:
 *   Origin unless "*" without credentials. A preflight skips the handler: 204
 *   with its fields, or 403 text/plain CORS_PREFLIGHT_DENIED. Actual: add the
 *   fields to the handler's (vary through mergeVary).
 */
export function cors(policy: Partial<CorsPolicy> = {}): Middleware {
  const resolved = { ...DEFAULT_CORS_POLICY, ...policy };
  return (next) => async (request) => {
    const decision = corsDecision(request, resolved);
    if (decision.kind === "not-cors") {
      const response = await next(request);
      if (resolved.origins === "*" && !resolved.credentials) return response;
      // The answer would differ with an Origin: caches must know (Fetch
      // §3.2.4).
      return {
        ...response,
        headers: mergeVary(response.headers ?? [], "Origin"),
      };
    }
    if (decision.kind === "preflight") {
      if (decision.status === 204)
        return { status: 204, headers: decision.headers };
      const headers: HeaderList = [
        ...decision.headers,
        ["content-type", "text/plain"],
      ];
      return {
        status: 403,
        headers,
        body: "CORS_PREFLIGHT_DENIED: not allowed\n",
      };
    }
    const response = await next(request);
    let headers = response.headers ?? [];
    for (const [name, value] of decision.headers) {
      headers =
        name === "vary"
          ? mergeVary(headers, value)
          : [...headers, [name, value]];
    }
    return { ...response, headers };
  };
}
