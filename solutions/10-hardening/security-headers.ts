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
import { getHeader } from "#ch02/header-list.ts";
import { isImmutableResponse } from "#ch03/encoded-response-cache.ts";
import { isThenable } from "#ch03/is-thenable.ts";
import type { HeaderList, HttpResponse } from "#ch03/message.ts";
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

/**
 * The policy for responses that cannot become a document: plain text,
 * JSON, CSS, images, fonts. CSP governs documents and workers only (CSP 3
 * §4.2), so the book's 290-byte policy on `/hello` told a browser nothing;
 * this one says the same in 40 bytes and is stricter: should the response
 * ever be rendered, nothing loads and nothing may frame it.
 */
export const DATA_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Media types a browser may render as a document or run as a worker:
 * they get the full policy. So does a response without Content-Type,
 * which a browser may sniff as HTML.
 */
const DOCUMENT_TYPE =
  /^\s*(?:text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|[^;]*\+xml|text\/javascript|application\/javascript)\s*(?:;|$)/i;

/** Can this response become a document (or a worker's script)? */
export function canBeDocument(response: HttpResponse): boolean {
  const type = getHeader(response.headers ?? [], "content-type");
  return type === undefined || DOCUMENT_TYPE.test(type);
}

export interface SecurityHeaderOptions {
  /** CSP for documents (HTML, SVG, XML, scripts, untyped responses). */
  readonly contentSecurityPolicy: string | undefined;
  /** CSP for every other response (text, JSON, images...). */
  readonly dataContentSecurityPolicy: string | undefined;
  readonly referrerPolicy: string | undefined;
  readonly crossOriginOpenerPolicy: string | undefined;
  readonly crossOriginResourcePolicy: string | undefined;
  /** Strict-Transport-Security on secure connections; undefined: none. */
  readonly strictTransportSecurity: string | undefined;
}

export const DEFAULT_SECURITY_HEADERS: SecurityHeaderOptions = {
  contentSecurityPolicy: BOOK_CSP,
  dataContentSecurityPolicy: DATA_CSP,
  referrerPolicy: "no-referrer",
  crossOriginOpenerPolicy: "same-origin",
  crossOriginResourcePolicy: "same-origin",
  strictTransportSecurity: `max-age=${HSTS_MAX_AGE_S}; includeSubDomains`,
};

/** The fields to add, as a list built once (frozen: see withFields). */
export function securityFields(options: SecurityHeaderOptions): HeaderList {
  const fields: [string, string | undefined][] = [
    ["content-security-policy", options.contentSecurityPolicy],
    ["x-content-type-options", "nosniff"],
    ["referrer-policy", options.referrerPolicy],
    ["cross-origin-opener-policy", options.crossOriginOpenerPolicy],
    ["cross-origin-resource-policy", options.crossOriginResourcePolicy],
  ];
  return Object.freeze(
    fields.flatMap(([name, value]) =>
      value === undefined ? [] : [Object.freeze([name, value] as const)],
    ),
  );
}

/**
 * Adds the `fields` a response lacks (a field it sets, in any case, keeps
 * its value). A handler that answers with one deeply frozen object every
 * time (/hello, a health check) gets one frozen copy back every time, so
 * chapter 03 reuses that copy's encoded head (encoded-response-cache.ts)
 * instead of encoding it per request; a fresh copy per request would cost
 * the encoding, the scan and the garbage on every request.
 *
 * @exercise
 * @hint nudge: the same frozen response in, the same frozen copy out; anything
 *   else gets a fresh copy.
 * @hint concept: a WeakMap of copies keyed by response (it must not keep them
 *   alive). Add only missing fields, names compared case-insensitively (RFC
 *   9110 §5.1). Freeze and remember a copy only of a deeply immutable response:
 *   a mutable one may change after we looked.
 * @hint solution: a response seen before gets its copy from the WeakMap
 *   (the last one may wait in front, compared by identity). Else fieldsFor,
 *   keeping those it lacks by lower-cased name: a plain copy with them for a
 *   mutable response, a frozen one remembered in the map for an immutable.
 */
export function withFields(
  fieldsFor: (response: HttpResponse) => HeaderList,
): (response: HttpResponse) => HttpResponse {
  const copies = new WeakMap<HttpResponse, HttpResponse>();
  // The last copy handed out, found by identity before the WeakMap.
  let last: HttpResponse | undefined;
  let lastCopy: HttpResponse | undefined;
  return (response) => {
    if (response === last) return lastCopy as HttpResponse;
    const known = copies.get(response);
    if (known !== undefined) {
      last = response;
      lastCopy = known;
      return known;
    }
    const fields = fieldsFor(response);
    const own = response.headers ?? [];
    const missing = fields.filter(
      ([name]) => !own.some(([n]) => n.toLowerCase() === name),
    );
    const headers = [...own, ...missing];
    if (!isImmutableResponse(response)) return { ...response, headers };
    const copy = Object.freeze({
      ...response,
      headers: Object.freeze(headers),
    });
    copies.set(response, copy);
    return copy;
  };
}

/**
 * Adds the fields a response lacks; HSTS only over TLS; the document
 * policy only where a document can be.
 *
 * @exercise
 * @hint nudge: compute the field lists once; per response, add the ones the
 *   handler did not set, without a promise when the handler answered at once.
 * @hint concept: RFC 6797 §7.2: HSTS only over TLS. A document gets the page
 *   CSP, data the strict one, a 304 none (a cache copies its fields over the
 *   200's, RFC 9111 §4.3.4); a field the response has is kept (RFC 9110 §5.1),
 *   and a synchronous answer stays synchronous.
 * @hint solution: once: securityFields with the document, the data and no
 *   policy, and copies of each with HSTS for TLS; withFields picks by 304, then
 *   canBeDocument. Per request the TLS set on a secure connection; isThenable
 *   keeps a sync answer sync.
 */
export function securityHeaders(
  options: Partial<SecurityHeaderOptions> = {},
): Middleware {
  const resolved = { ...DEFAULT_SECURITY_HEADERS, ...options };
  const document = securityFields(resolved);
  const data = securityFields({
    ...resolved,
    contentSecurityPolicy: resolved.dataContentSecurityPolicy,
  });
  const hsts = resolved.strictTransportSecurity;
  const overTls = (fields: HeaderList): HeaderList =>
    hsts === undefined
      ? fields
      : Object.freeze([
          ...fields,
          Object.freeze(["strict-transport-security", hsts] as const),
        ]);
  // A 304 carries no Content-Type, so canBeDocument cannot tell which
  // policy its 200 had; and a cache replaces the stored fields with the
  // 304's (RFC 9111 §4.3.4), so a guess would swap a JSON file's strict
  // policy for the document one. A 304 gets no policy: the stored stays.
  const unchanged = securityFields({
    ...resolved,
    contentSecurityPolicy: undefined,
  });
  const [tlsDocument, tlsData] = [overTls(document), overTls(data)];
  const tlsUnchanged = overTls(unchanged);
  const plain = withFields((r) =>
    r.status === 304 ? unchanged : canBeDocument(r) ? document : data,
  );
  const tls = withFields((r) =>
    r.status === 304 ? tlsUnchanged : canBeDocument(r) ? tlsDocument : tlsData,
  );
  // No promise per request around a synchronous handler.
  return (next) => (request) => {
    const add = request.connection.secure ? tls : plain;
    const response = next(request);
    return isThenable<HttpResponse>(response)
      ? Promise.resolve(response).then(add)
      : add(response);
  };
}
