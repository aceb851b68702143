/**
 * Which methods a resource allows, and how HEAD and OPTIONS come for free.
 *
 * RFC 9110 §9.3.2: HEAD is GET without the content, so a GET route answers
 * HEAD too (the connection drops the body and keeps the headers). §9.3.7:
 * OPTIONS asks what a resource supports; the router answers it from the
 * routes it knows. §10.2.1: Allow lists the methods the target resource
 * supports, and a 405 MUST carry it.
 */

/**
 * The route for `method` among one path's routes, with HEAD served by GET.
 *
 * @exercise
 * @hint nudge: a client may ask HEAD of a path that only registered GET.
 * @hint concept: RFC 9110 §9.3.2: HEAD is identical to GET except that the
 *   server does not send content, so a GET route answers HEAD. A route
 *   registered for HEAD itself wins; no other method borrows anything.
 * @hint solution: look the method up first and answer that route when there
 *   is one, or when the method is not HEAD; only for a HEAD with no route
 *   of its own, look up GET instead.
 */
export function routeFor<R>(
  routes: ReadonlyMap<string, R>,
  method: string,
): R | undefined {
  const route = routes.get(method);
  if (route !== undefined || method !== "HEAD") return route;
  return routes.get("GET");
}

/**
 * The Allow field value for a resource whose routes answer `methods`:
 * HEAD wherever GET is, OPTIONS always (the router answers it), each
 * method once, sorted so the header is stable across registrations.
 *
 * @exercise
 * @hint nudge: the router answers more methods than were registered.
 * @hint concept: GET implies HEAD (RFC 9110 §9.3.2) and the router itself
 *   answers OPTIONS; a Set removes repeats.
 * @hint solution: put the methods in a set; GET brings HEAD with it; OPTIONS is
 *   always there; sort and join with a comma and a space.
 */
export function allowHeader(methods: Iterable<string>): string {
  const all = new Set(methods);
  if (all.has("GET")) all.add("HEAD");
  all.add("OPTIONS");
  return [...all].sort().join(", ");
}
