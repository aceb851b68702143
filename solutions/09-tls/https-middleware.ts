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

/**
 * The host of a request without its port ("[::1]:8080" -> "[::1]"), from
 * its authority: the absolute-form target's if it has one, else Host
 * (RFC 9112 §3.2.2), or `:authority` over HTTP/2. Undefined when there is
 * none, or when it has no host before the port.
 *
 * @exercise
 * @hint nudge: an authority is host, then optionally ":" and a port; an IPv6
 *   host is bracketed and has colons of its own.
 * @hint concept: authority = host [ ":" port ] (RFC 3986 §3.2), and an
 *   IP-literal host is "[" ... "]" (§3.2.2), so the first ":" is not always
 *   the port's. Keep the brackets: the result goes back into a URL.
 * @hint solution: match the whole authority against one pattern with two
 *   alternatives for the host (a bracketed literal up to its "]", or anything
 *   without a colon), then an optional colon and digits; answer the host
 *   group, and undefined for no match or an empty host.
 */
export function hostOnly(request: HttpRequest): string | undefined {
  const m = /^(\[[^\]]*\]|[^:]*)(?::\d*)?$/.exec(request.authority);
  return m?.[1] || undefined;
}

/**
 * Sends plain requests to the same resource on the HTTPS port: 308, so a
 * POST stays a POST with its body (RFC 9110 §15.4.9; RFC 6797 §7.2 asks
 * for "a permanent redirect"). A request without a host cannot be
 * redirected anywhere sensible; it is served as it is. Secure requests
 * pass through.
 *
 * @exercise
 * @hint nudge: three cases: already secure, no host to send it to, and the
 *   redirect itself, whose Location keeps the path and the query.
 * @hint concept: RFC 6797 §7.2: a plain request to an HSTS host gets a
 *   permanent redirect to the https URI, and 308 (RFC 9110 §15.4.9) keeps the
 *   method and body. The default port 443 is left out of the URI; the path is
 *   the request's path (an asterisk-form `OPTIONS *` has none: use "/").
 * @hint solution: pass secure requests and host-less ones to next; otherwise
 *   build "https://", the host from hostOnly, ":" and the port unless it is
 *   443, the path, and "?" with the query when there is one; answer 308 with
 *   that Location and a zero Content-Length.
 */
export function httpsRedirect(tlsPort: number): Middleware {
  return (next: Handler): Handler =>
    (request) => {
      if (request.connection.secure) return next(request);
      const host = hostOnly(request);
      if (host === undefined) return next(request);
      const port = tlsPort === 443 ? "" : `:${tlsPort}`;
      const path = request.path === "*" ? "/" : request.path;
      const query = request.query === "" ? "" : `?${request.query}`;
      return {
        status: 308,
        headers: [
          ["location", `https://${host}${port}${path}${query}`],
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
