// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Plain HTTP and HTTPS side by side: plain requests may be sent to the
 * HTTPS origin, and HTTPS responses tell the browser never to use plain
 * HTTP for this host again (HTTP Strict Transport Security, RFC 6797).
 * Both look at `request.connection.secure`, set by the listener.
 */
import type { Handler, HttpRequest } from "#ch03/message.ts";
import type { Middleware } from "#ch05/middleware.ts";
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function hostOnly(request: HttpRequest): string | undefined {
  throw new NotImplemented({
    chapter: "09",
    name: "hostOnly",
    file: "exercises/09-tls/https-middleware.ts",
    hint: "an authority is host, then optionally \":\" and a port; an IPv6 host is bracketed and has colons of its own.",
  });
}

/**
 * Sends plain requests to the same resource on the HTTPS port: 308, so a
 * POST stays a POST with its body (RFC 9110 §15.4.9; RFC 6797 §7.2 asks
 * for "a permanent redirect"). A request without a host cannot be
 * redirected anywhere sensible; it is served as it is. Secure requests
 * pass through.
 *
 * @exercise
 */
export function httpsRedirect(tlsPort: number): Middleware {
  throw new NotImplemented({
    chapter: "09",
    name: "httpsRedirect",
    file: "exercises/09-tls/https-middleware.ts",
    hint: "three cases: already secure, no host to send it to, and the redirect itself, whose Location keeps the path and the query.",
  });
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
