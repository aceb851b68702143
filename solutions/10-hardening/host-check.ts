/**
 * Host validation: answer only for the names this server is.
 *
 * DNS rebinding: a page on attacker.example makes the browser resolve
 * attacker.example to 127.0.0.1 a second time, and its scripts, still
 * same-origin with attacker.example, now talk to the server on your
 * machine. The browser's same-origin policy sees nothing wrong; the one
 * thing that gives it away is the Host field, which still says
 * attacker.example. So a server that is not meant for the whole internet
 * keeps an allow-list of names and answers the rest 421 Misdirected
 * Request (RFC 9110 §15.5.20): "not a name this server answers for".
 */
import type { HttpRequest } from "#ch03/message.ts";
import type { Middleware } from "#ch05/middleware.ts";

/**
 * The names a development server on this machine answers for. An
 * operator serving a real name adds it (settings.hardening.allowedHosts).
 */
export const LOCAL_HOSTS: readonly string[] = [
  "localhost",
  "127.0.0.1",
  "[::1]",
  "::1",
];

export type HostVerdict =
  | { readonly ok: true; readonly host: string }
  | { readonly ok: false; readonly status: 421; readonly reason: string };

/** The verdict for a request that names no host: the default name's. */
const DEFAULT_NAME: HostVerdict = { ok: true, host: "" };

/**
 * The host part of an authority (RFC 3986 §3.2.2), without the port and
 * in lower case: host names are case-insensitive (§6.2.2.1). An IPv6
 * literal keeps its brackets, which also keep its colons apart from the
 * port's.
 *
 * @exercise
 * @hint nudge: the port is after the last ":", unless that colon is inside
 *   "[...]".
 * @hint concept: RFC 3986 §3.2.2: an IPv6 host is an IP-literal in brackets, so
 *   its colons are not a port's; a port follows the last colon after the host.
 *   §6.2.2.1: the host is case-insensitive, so compare it in lower case.
 * @hint solution: lower-case the authority first. If it starts with "[", keep
 *   everything up to and including the first "]" (no "]": keep it all).
 *   Otherwise cut before the last ":" if there is one.
 */
export function hostOf(authority: string): string {
  const lower = authority.toLowerCase();
  if (lower.startsWith("[")) {
    const end = lower.indexOf("]");
    return end < 0 ? lower : lower.slice(0, end + 1);
  }
  const colon = lower.lastIndexOf(":");
  return colon < 0 ? lower : lower.slice(0, colon);
}

/**
 * Whether `host` is on the list. An entry "*.example.com" allows every
 * name under example.com (at any depth) but not example.com itself, as a
 * certificate's wildcard does not; a trailing dot (the DNS root) is
 * ignored on both sides.
 *
 * @exercise
 * @hint nudge: compare exact names first; a "*." entry is a suffix match on
 *   ".example.com".
 * @hint concept: strip one trailing "." from the host and each entry; an entry
 *   starting "*." matches when host ends with entry.slice(1) and is longer than
 *   it; any other entry must equal host.
 * @hint solution: drop one trailing dot from the host. For each entry,
 *   lower-cased and without its trailing dot: a "*." entry matches a longer
 *   host that ends with the entry minus its "*"; any other entry must equal the
 *   host. Any match allows it.
 */
export function isAllowedHost(
  host: string,
  allowed: readonly string[],
): boolean {
  const name = withoutRootDot(host);
  for (const raw of allowed) {
    const entry = withoutRootDot(raw.toLowerCase());
    if (!entry.startsWith("*.")) {
      if (entry === name) return true;
      continue;
    }
    const suffix = entry.slice(1); // ".example.com"
    if (name.endsWith(suffix) && name.length > suffix.length) return true;
  }
  return false;
}

/** A name without its one trailing dot (the DNS root), if it has one. */
function withoutRootDot(name: string): string {
  return name.endsWith(".") ? name.slice(0, -1) : name;
}

/**
 * The verdict for one request, on the authority the client asked for:
 * chapter 02 took it from an absolute-form target, which wins over Host
 * (RFC 9112 §3.2.2), or else from Host, and refused a malformed or
 * repeated Host, and an HTTP/1.1 request without one. What is left
 * without any name is an HTTP/1.0 request, which may omit Host (RFC 9112
 * §3.2): it asks for the server's default name, as nginx and Apache
 * answer it, and it passes. No browser sends one, so no rebinding page
 * can; a load balancer's health check (HAProxy's `httpchk`) does.
 *
 * @exercise
 * @hint nudge: the authority the client meant is already on the request; take
 *   its host, then look it up.
 * @hint concept: no authority at all is HTTP/1.0 asking for the default name
 *   (RFC 9112 §3.2): it passes. RFC 9110 §7.4 and §15.5.20: a request for a
 *   name this server does not serve is refused with 421 Misdirected Request,
 *   so the client can try elsewhere.
 * @hint solution: an empty request.authority is ok, with an empty host. Else
 *   take hostOf it; a host isAllowedHost refuses is a 421 whose reason starts
 *   MISDIRECTED and names the host; otherwise ok with the host.
 */
export function checkHost(
  request: HttpRequest,
  allowed: readonly string[],
): HostVerdict {
  const authority = request.authority;
  if (authority === "") return DEFAULT_NAME;
  const host = hostOf(authority);
  if (!isAllowedHost(host, allowed)) {
    return {
      ok: false,
      status: 421,
      reason: `MISDIRECTED: this server does not answer for ${host}`,
    };
  }
  return { ok: true, host };
}

/**
 * Refuses requests for names not on the list; the rest pass untouched.
 * The verdict depends on the authority alone, and clients ask for the
 * same one request after request, so this one remembers its last verdict:
 * a string comparison instead of taking the name apart each time, with
 * nothing that grows however many names arrive. A plain call to
 * checkHost on every request is just as correct.
 *
 * @exercise
 * @hint nudge: the verdict decides; a refusal is an ordinary response.
 * @hint concept: RFC 9110 §7.4: a request for a name this server does not serve
 *   is answered 421, and that refusal is an ordinary response, so middleware
 *   around it (a logger) sees it like any other.
 * @hint solution: the middleware shape: given next, a function of the request.
 *   Ask checkHost; ok passes the request on to next unchanged; a refusal is a
 *   response with the verdict's status, content-type text/plain and the reason
 *   with a LF as its body.
 */
export function hostCheck(allowed: readonly string[]): Middleware {
  let lastAuthority: string | undefined;
  let lastVerdict: HostVerdict | undefined;
  return (next) => (request) => {
    let verdict = lastVerdict;
    if (verdict === undefined || request.authority !== lastAuthority) {
      verdict = lastVerdict = checkHost(request, allowed);
      lastAuthority = request.authority;
    }
    if (verdict.ok) return next(request);
    return {
      status: verdict.status,
      headers: [["content-type", "text/plain"]],
      body: `${verdict.reason}\n`,
    };
  };
}
