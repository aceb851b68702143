/**
 * The four forms of request-target (RFC 9112 §3.2), reduced to what a
 * router needs: a path and a query for resources, a marker for the
 * server-wide `OPTIONS *`, and "not for us" for CONNECT's authority-form.
 *
 * The parser in chapter 02 has already checked the target's characters;
 * here we only take it apart.
 */

export type RequestTarget =
  /** `/users/42?tab=posts`, or absolute-form reduced to its path. */
  | { readonly kind: "path"; readonly path: string; readonly query: string }
  /** `*`: the server as a whole (RFC 9112 §3.2.4). */
  | { readonly kind: "asterisk" }
  /** `example.com:443`: a tunnel target for CONNECT (RFC 9112 §3.2.3). */
  | { readonly kind: "authority" }
  /** Something no form describes. */
  | { readonly kind: "invalid" };

const ABSOLUTE_FORM = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/;

/**
 * Split a request-target into path and query. A server MUST accept the
 * absolute-form (RFC 9112 §3.2.2), which proxies send; we route on its
 * path and leave the authority to Host checks (chapter 10).
 */
export function parseRequestTarget(target: string): RequestTarget {
  if (target === "*") return { kind: "asterisk" };
  if (target.startsWith("/")) return splitQuery(target);
  const absolute = ABSOLUTE_FORM.exec(target);
  if (absolute !== null) {
    const rest = target.slice(absolute[0].length);
    return splitQuery(rest === "" || rest.startsWith("?") ? `/${rest}` : rest);
  }
  if (target.length > 0 && !target.includes("/")) return { kind: "authority" };
  return { kind: "invalid" };
}

function splitQuery(pathAndQuery: string): RequestTarget {
  const mark = pathAndQuery.indexOf("?");
  if (mark === -1) return { kind: "path", path: pathAndQuery, query: "" };
  return {
    kind: "path",
    path: pathAndQuery.slice(0, mark),
    query: pathAndQuery.slice(mark + 1),
  };
}
