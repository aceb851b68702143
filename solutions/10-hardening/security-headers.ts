/**
 * Response headers that tell the browser to defend the page.
 *
 * None of these change what the server does; each closes a door the
 * browser would otherwise leave open: running injected script (CSP),
 * guessing a type and executing a text file as script (nosniff), leaking
 * the URL to other sites (Referrer-Policy), being framed by a page that
 * tricks clicks (frame-ancestors), sharing a process or a window handle
 * with a cross-origin page (COOP, CORP), and being reached over plain
 * HTTP once it has been reached over HTTPS (HSTS). A handler that sets a
 * field itself keeps its value.
 */
import type { HeaderList } from "#ch03/message.ts";
import type { Middleware } from "#ch05/middleware.ts";

/**
 * The Content-Security-Policy the book can live with. Everything comes
 * from our own origin. VitePress writes a few inline scripts (the colour
 * scheme is chosen before the first paint) and mermaid sets inline
 * styles, so both allow 'unsafe-inline'; nothing allows eval, plugins or
 * another origin, and no page may frame ours (frame-ancestors, CSP 3).
 */
export const BOOK_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * One year, the value HSTS preload lists ask for; RFC 6797 §6.1.1.
 * Sent only over TLS: a browser ignores it over plain HTTP (§8.1), and
 * an operator who turns TLS off must not lock visitors out for a year.
 */
export const HSTS_MAX_AGE_S = 31_536_000;

export interface SecurityHeaderOptions {
  readonly contentSecurityPolicy: string | undefined;
  readonly referrerPolicy: string | undefined;
  readonly crossOriginOpenerPolicy: string | undefined;
  readonly crossOriginResourcePolicy: string | undefined;
  /** Strict-Transport-Security on secure connections; undefined: none. */
  readonly strictTransportSecurity: string | undefined;
}

export const DEFAULT_SECURITY_HEADERS: SecurityHeaderOptions = {
  contentSecurityPolicy: BOOK_CSP,
  referrerPolicy: "no-referrer",
  crossOriginOpenerPolicy: "same-origin",
  crossOriginResourcePolicy: "same-origin",
  strictTransportSecurity: `max-age=${HSTS_MAX_AGE_S}; includeSubDomains`,
};

/** The fields to add, as a list built once. */
export function securityFields(options: SecurityHeaderOptions): HeaderList {
  const fields: [string, string | undefined][] = [
    ["content-security-policy", options.contentSecurityPolicy],
    ["x-content-type-options", "nosniff"],
    ["referrer-policy", options.referrerPolicy],
    ["cross-origin-opener-policy", options.crossOriginOpenerPolicy],
    ["cross-origin-resource-policy", options.crossOriginResourcePolicy],
  ];
  return fields.flatMap(([name, value]) => (value === undefined ? [] : [[name, value] as const]));
}

/**
 * Adds the fields a response lacks; HSTS only over TLS.
 *
 * @exercise
 * @hint nudge: compute the fields once; per response, add the ones the handler did not set.
 * @hint concept: always = securityFields(resolved); over TLS (request.connection.secure) also Strict-Transport-Security; a field the response already has (any case) is kept as it is.
 * @hint solution: const always = securityFields(resolved); const secure = hsts === undefined ? always : [...always, ["strict-transport-security", hsts]]; return (next) => async (request) => { const response = await next(request); const own = response.headers ?? []; const add = request.connection.secure ? secure : always; const missing = add.filter(([name]) => !own.some(([n]) => n.toLowerCase() === name)); return { ...response, headers: [...own, ...missing] }; };
 */
export function securityHeaders(options: Partial<SecurityHeaderOptions> = {}): Middleware {
  const resolved = { ...DEFAULT_SECURITY_HEADERS, ...options };
  const always = securityFields(resolved);
  const hsts = resolved.strictTransportSecurity;
  const secure: HeaderList =
    hsts === undefined ? always : [...always, ["strict-transport-security", hsts]];
  return (next) => async (request) => {
    const response = await next(request);
    const own = response.headers ?? [];
    const add = request.connection.secure ? secure : always;
    const missing = add.filter(([name]) => !own.some(([n]) => n.toLowerCase() === name));
    return { ...response, headers: [...own, ...missing] };
  };
}
