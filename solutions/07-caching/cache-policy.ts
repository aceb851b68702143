/**
 * A Cache-Control policy: which responses say what about caching, chosen
 * by path pattern and checked when the server starts, not when a browser
 * misreads a typo a year later.
 *
 *     cacheControlPolicy({
 *       "/assets/*": "public, max-age=31536000, immutable",
 *       "*.html": "no-cache",
 *     })
 *
 * Patterns are tried in the order written and the first match wins:
 * `/prefix/*` matches below a folder, `*.ext` and `*suffix` match the end
 * of the path, anything else matches the path exactly. A handler that
 * sets Cache-Control itself (a per-route choice) is left alone.
 */
import { getHeader, setHeader } from "#ch02/header-list.ts";
import {
  frozenCopy,
  isImmutableResponse,
} from "#ch03/encoded-response-cache.ts";
import { isThenable } from "#ch03/is-thenable.ts";
import type { HttpRequest, HttpResponse } from "#ch03/message.ts";
import { parseCacheControl } from "./cache-control.ts";
import { deltaSeconds } from "./directives.ts";
import type { Middleware } from "#ch05/middleware.ts";

export type CachePolicyRules =
  | Readonly<Record<string, string>>
  | readonly (readonly [pattern: string, cacheControl: string])[];

/** Response directives (RFC 9111 §5.2.2, RFC 8246) and their argument. */
const RESPONSE_DIRECTIVES: ReadonlyMap<string, "none" | "seconds" | "fields"> =
  new Map([
    ["max-age", "seconds"],
    ["s-maxage", "seconds"],
    ["public", "none"],
    ["private", "fields"],
    ["no-cache", "fields"],
    ["no-store", "none"],
    ["no-transform", "none"],
    ["must-revalidate", "none"],
    ["proxy-revalidate", "none"],
    ["must-understand", "none"],
    ["immutable", "none"],
    ["stale-while-revalidate", "seconds"],
    ["stale-if-error", "seconds"],
  ] as const);

/** Pairs that contradict each other in one response. */
const CONFLICTS = [
  ["public", "private"],
  ["no-store", "max-age"],
  ["no-store", "s-maxage"],
  ["no-store", "immutable"],
  ["no-store", "public"],
] as const;

/**
 * Every problem with a Cache-Control value meant for responses: syntax,
 * unknown or request-only directives (`max-stale` does nothing on a
 * response), bad or missing arguments, repeats, and contradictions.
 * An empty list means the value is good.
 */
export function checkResponseCacheControl(value: string): string[] {
  const parsed = parseCacheControl(value);
  if (!parsed.ok) return [`${parsed.reason} at offset ${parsed.at}`];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [name, arg] of parsed.directives) {
    const kind = RESPONSE_DIRECTIVES.get(name);
    if (seen.has(name)) problems.push(`${name} appears twice`);
    seen.add(name);
    if (kind === undefined) {
      problems.push(`${name} is not a response directive`);
    } else if (kind === "seconds" && deltaSeconds(arg) === undefined) {
      problems.push(`${name} needs a number of seconds, as ${name}=60`);
    } else if (kind === "none" && arg !== undefined) {
      problems.push(`${name} takes no argument`);
    }
  }
  for (const [a, b] of CONFLICTS)
    if (seen.has(a) && seen.has(b)) problems.push(`${a} contradicts ${b}`);
  return problems;
}

/** Thrown at start-up for a policy that would send a bad Cache-Control. */
export class CachePolicyError extends Error {
  override readonly name = "CachePolicyError";
}

/** Does `path` match `pattern`? See the file comment for the three forms. */
export function matchesPattern(pattern: string, path: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith("/*")) return path.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith("*")) return path.endsWith(pattern.slice(1));
  return path === pattern;
}

/** The rules as checked pairs, in order; throws on the first bad value. */
export function compileRules(
  rules: CachePolicyRules,
): readonly (readonly [string, string])[] {
  const pairs = Array.isArray(rules) ? rules : Object.entries(rules);
  for (const [pattern, value] of pairs) {
    const problems = checkResponseCacheControl(value);
    if (problems.length > 0)
      throw new CachePolicyError(
        `cache policy "${pattern}": "${value}": ${problems.join("; ")}`,
      );
  }
  return pairs;
}

/** The Cache-Control value the policy gives `path`, if any. */
export function policyFor(
  rules: readonly (readonly [string, string])[],
  path: string,
): string | undefined {
  return rules.find(([pattern]) => matchesPattern(pattern, path))?.[1];
}

/**
 * Can some rule match `path`? Answered without hashing the path (a new
 * string on every request): a suffix or exact rule needs the path's last
 * character to be its own, a folder rule needs its prefix. Most paths
 * (`/hello`) fail both and skip the lookup. A `*` rule matches anything.
 */
export function ruleScreen(
  rules: readonly (readonly [string, string])[],
): (path: string) => boolean {
  if (rules.some(([pattern]) => pattern === "*")) return () => true;
  const lastChars = new Uint8Array(128);
  const prefixes: string[] = [];
  for (const [pattern] of rules) {
    if (pattern.endsWith("/*")) prefixes.push(pattern.slice(0, -1));
    else if (pattern.length > 0) {
      const last = pattern.charCodeAt(pattern.length - 1);
      if (last < 128) lastChars[last] = 1;
      else return () => true;
    }
  }
  return (path) => {
    if (path.length === 0) return true; // the exact rule "" may want it
    const last = path.charCodeAt(path.length - 1);
    if (last >= 128 || lastChars[last] === 1) return true;
    for (let i = 0; i < prefixes.length; i++)
      if (path.startsWith(prefixes[i] as string)) return true;
    return false;
  };
}

/** Frozen copies with Cache-Control, by response, with their value. */
const policyCopies = new WeakMap<
  HttpResponse,
  { readonly value: string; readonly copy: HttpResponse }
>();

/**
 * The response with its Cache-Control. A deeply frozen one (a held file,
 * chapter 06) gets one frozen copy per value, kept while the response
 * lives, so the layers after this one and chapter 03's encoder see the
 * same object every time; any other response gets a fresh copy.
 *
 * @exercise
 * @hint nudge: a response that cannot change may get the same copy back
 *   every time; one that can must get a new one.
 * @hint concept: remember a copy only for a deeply frozen response
 *   (isImmutableResponse), keyed weakly by it and checked against the value
 *   it was made with; freeze the copy and each of its fields (frozenCopy), so
 *   the layers after this one may keep it too.
 * @hint solution: a kept copy with the same value is returned. Else setHeader;
 *   a mutable response gets a plain copy; an immutable one its frozenCopy,
 *   remembered in policyCopies with its value.
 */
function withPolicy(response: HttpResponse, value: string): HttpResponse {
  const kept = policyCopies.get(response);
  if (kept !== undefined && kept.value === value) return kept.copy;
  const headers = setHeader(response.headers, "cache-control", value);
  if (!isImmutableResponse(response)) return { ...response, headers };
  const copy = frozenCopy({ ...response, headers });
  policyCopies.set(response, { value, copy });
  return copy;
}

/** Paths whose rule is remembered; when full, the memo starts over. */
export const POLICY_MEMO_ENTRIES = 1024;

/**
 * Adds Cache-Control to successful responses (2xx and 304) that do not
 * set it. Errors are left alone: a cached 500 outlives the outage.
 */
export function cacheControlPolicy(rules: CachePolicyRules): Middleware {
  const compiled = compileRules(rules);
  const mayMatch = ruleScreen(compiled);
  // The rule for a path, found once per path (bounded, like a memo).
  const known = new Map<string, string | null>();
  const ruleFor = (path: string): string | undefined => {
    if (!mayMatch(path)) return undefined;
    let value = known.get(path);
    if (value === undefined) {
      value = policyFor(compiled, path) ?? null;
      if (known.size >= POLICY_MEMO_ENTRIES) known.clear();
      known.set(path, value);
    }
    return value ?? undefined;
  };
  const apply = (
    request: HttpRequest,
    response: HttpResponse,
  ): HttpResponse => {
    const ok =
      (response.status >= 200 && response.status < 300) ||
      response.status === 304;
    if (!ok) return response;
    const value = ruleFor(request.path);
    if (
      value === undefined ||
      getHeader(response.headers ?? [], "cache-control") !== undefined
    ) {
      return response;
    }
    return withPolicy(response, value);
  };
  // No closure and no promise per request around a synchronous handler.
  return (next) => (request) => {
    const response = next(request);
    return isThenable<HttpResponse>(response)
      ? Promise.resolve(response).then((r) => apply(request, r))
      : apply(request, response);
  };
}

/** One route's Cache-Control, for wrapping a single handler. */
export function cacheControl(value: string): Middleware {
  return cacheControlPolicy([["*", value]]);
}
