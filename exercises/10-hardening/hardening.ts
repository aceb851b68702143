/**
 * Every defence of this chapter, as one options object with named
 * defaults, and the middleware chain they make. The table in
 * chapters/10-hardening.md lists each limit with nginx's and node:http's.
 */
import type { Dependence } from "#ch05/answer-memo.ts";
import type { Middleware } from "#ch05/middleware.ts";
import { compose } from "#ch05/middleware.ts";
import { type GateOptions, DEFAULT_GATE_OPTIONS } from "./connection-gate.ts";
import { type CorsPolicy, cors } from "./cors.ts";
import { hostCheck } from "./host-check.ts";
import { type RateLimitOptions, rateLimit } from "./rate-limit.ts";
import {
  type SecurityHeaderOptions,
  securityHeaders,
} from "./security-headers.ts";
import {
  DEFAULT_SLOW_CLIENT_LIMITS,
  type SlowClientLimits,
} from "./slow-clients.ts";

export interface HardeningOptions {
  /** Host names answered; undefined turns the check off (421 otherwise). */
  readonly allowedHosts: readonly string[] | undefined;
  /** Per-client rate limit; undefined turns it off. */
  readonly rateLimit: Partial<RateLimitOptions> | undefined;
  /** CORS; undefined (the default) allows no cross-origin reads. */
  readonly cors: Partial<CorsPolicy> | undefined;
  readonly securityHeaders: Partial<SecurityHeaderOptions>;
  readonly slowClients: Partial<SlowClientLimits>;
  readonly connections: Partial<GateOptions>;
}

/**
 * What the server does when the operator says nothing. The rate limit and
 * the Host allow-list are opt-in: a per-address quota throttles every
 * client behind one NAT or proxy, and an allow-list of local names turns
 * away every real name the server is deployed under. nginx and node:http
 * ship both off for the same reasons. Turn them on with `--rate-limit`
 * and `--allowed-host` (or settings.hardening); LOCAL_HOSTS is the list
 * a loopback-only server should use.
 */
export const DEFAULT_HARDENING: HardeningOptions = {
  allowedHosts: undefined,
  rateLimit: undefined,
  cors: undefined,
  securityHeaders: {},
  slowClients: DEFAULT_SLOW_CLIENT_LIMITS,
  connections: DEFAULT_GATE_OPTIONS,
};

/**
 * The handler-level defences, outermost first: security headers on every
 * answer (refusals too), then the Host check (a misdirected request
 * learns nothing more), CORS (so a 429 is readable cross-origin), and the
 * rate limit closest to the application.
 */
export function hardeningMiddleware(options: HardeningOptions): Middleware {
  const layers: Middleware[] = [securityHeaders(options.securityHeaders)];
  if (options.allowedHosts !== undefined)
    layers.push(hostCheck(options.allowedHosts));
  if (options.cors !== undefined) layers.push(cors(options.cors));
  if (options.rateLimit !== undefined)
    layers.push(rateLimit(options.rateLimit));
  return (next) => compose(layers, next);
}

/** CORS reads these request fields (cors.ts); a preflight reads all three. */
const CORS_FIELDS = [
  "origin",
  "access-control-request-method",
  "access-control-request-headers",
];

/**
 * What the defences' answer depends on (chapter 05's answer memo). The
 * security headers read the connection's scheme and the Host check the
 * authority, both part of what the memo compares; CORS reads its fields;
 * the rate limit counts every request by address and time, so with it on
 * no answer is kept.
 */
export function hardeningDependence(options: HardeningOptions): Dependence {
  return Object.freeze({
    fields: options.cors === undefined ? [] : CORS_FIELDS,
    ...(options.rateLimit === undefined ? {} : { varies: () => true }),
  });
}
