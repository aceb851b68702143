// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * Which methods a resource allows, and how HEAD and OPTIONS come for free.
 *
 * RFC 9110 §9.3.2: HEAD is GET without the content, so a GET route answers
 * HEAD too (the connection drops the body and keeps the headers). §9.3.7:
 * OPTIONS asks what a resource supports; the router answers it from the
 * routes it knows. §10.2.1: Allow lists the methods the target resource
 * supports, and a 405 MUST carry it.
 */
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * The route for `method` among one path's routes, with HEAD served by GET.
 *
 * @exercise
 */
export function routeFor<R>(
  routes: ReadonlyMap<string, R>,
  method: string,
): R | undefined {
  throw new NotImplemented({
    chapter: "05",
    name: "routeFor",
    file: "exercises/05-routing/allow.ts",
    hint: "a client may ask HEAD of a path that only registered GET.",
  });
}

/**
 * The Allow field value for a resource whose routes answer `methods`:
 * HEAD wherever GET is, OPTIONS always (the router answers it), each
 * method once, sorted so the header is stable across registrations.
 *
 * @exercise
 */
export function allowHeader(methods: Iterable<string>): string {
  throw new NotImplemented({
    chapter: "05",
    name: "allowHeader",
    file: "exercises/05-routing/allow.ts",
    hint: "the router answers more methods than were registered.",
  });
}
