/**
 * Plain HTTP and HTTPS side by side: plain requests may be sent to the
 * HTTPS origin, and HTTPS responses tell the browser never to use plain
 * HTTP for this host again (HTTP Strict Transport Security, RFC 6797).
 * Both look at `request.connection.secure`, set by the listener.
 */
import type { Handler, HttpRequest } from "#ch03/message.ts";
import type { Middleware } from "#ch05/middleware.ts";

/**
 * One year, the value the HSTS preload list asks for: a browser that saw
 * it once refuses plain HTTP to this host for a year, which is what makes
 * an attacker's downgrade on a café network fail.
 */
export const HSTS_ONE_YEAR = "max-age=31536000";

/** The host of a request without its port ("[::1]:8080" -> "[::1]"). */
export function hostOnly(request: HttpRequest): string | undefined {
  const host = request.headers.find(([name]) => name === "host")?.[1];
  if (!host) return undefined;
  const m = /^(\[[^\]]*\]|[^:]*)(?::\d*)?$/.exec(host);
  return m?.[1] || undefined;
}

/**
 * Sends plain requests to the same target on the HTTPS port: 308, so a
 * POST stays a POST with its body (RFC 9110 §15.4.9; RFC 6797 §7.2 asks
 * for "a permanent redirect"). A request without a Host cannot be
 * redirected anywhere sensible; it is served as it is. Secure requests
 * pass through.
 */
export function httpsRedirect(tlsPort: number): Middleware {
  return (next: Handler): Handler =>
    (request) => {
      if (request.connection.secure) return next(request);
      const host = hostOnly(request);
      if (host === undefined) return next(request);
      const port = tlsPort === 443 ? "" : `:${tlsPort}`;
      const path = request.target.startsWith("/") ? request.target : "/";
      const location = `https://${host}${port}${path}`;
      return {
        status: 308,
        headers: [
          ["location", location],
          ["content-length", "0"],
        ],
      };
    };
}

/**
 * Adds Strict-Transport-Security to responses sent over TLS, and only to
 * them: "An HSTS Host MUST NOT include the STS header field in HTTP
 * responses conveyed over non-secure transport" (RFC 6797 §7.2). A field
 * the handler set itself is left alone.
 */
export function strictTransportSecurity(
  value: string = HSTS_ONE_YEAR,
): Middleware {
  return (next: Handler): Handler =>
    async (request) => {
      const response = await next(request);
      if (!request.connection.secure) return response;
      const headers = response.headers ?? [];
      if (
        headers.some(
          ([name]) => name.toLowerCase() === "strict-transport-security",
        )
      ) {
        return response;
      }
      return {
        ...response,
        headers: [...headers, ["strict-transport-security", value]],
      };
    };
}
