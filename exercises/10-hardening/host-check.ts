// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
export function hostOf(authority: string): string {
  throw new NotImplemented({
    chapter: "10",
    name: "hostOf",
    file: "exercises/10-hardening/host-check.ts",
    hint: "the port is after the last \":\", unless that colon is inside \"[...]\".",
  });
}

/**
 * Whether `host` is on the list. An entry "*.example.com" allows every
 * name under example.com (at any depth) but not example.com itself, as a
 * certificate's wildcard does not; a trailing dot (the DNS root) is
 * ignored on both sides.
 *
 * @exercise
 */
export function isAllowedHost(
  host: string,
  allowed: readonly string[],
): boolean {
  throw new NotImplemented({
    chapter: "10",
    name: "isAllowedHost",
    file: "exercises/10-hardening/host-check.ts",
    hint: "compare exact names first; a \"*.\" entry is a suffix match on \".example.com\".",
  });
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
 */
export function checkHost(
  request: HttpRequest,
  allowed: readonly string[],
): HostVerdict {
  throw new NotImplemented({
    chapter: "10",
    name: "checkHost",
    file: "exercises/10-hardening/host-check.ts",
    hint: "the authority the client meant is already on the request; take its host, then look it up.",
  });
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
 */
export function hostCheck(allowed: readonly string[]): Middleware {
  throw new NotImplemented({
    chapter: "10",
    name: "hostCheck",
    file: "exercises/10-hardening/host-check.ts",
    hint: "the verdict decides; a refusal is an ordinary response.",
  });
}
