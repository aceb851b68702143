/**
 * serveStatic: a Handler that answers GET and HEAD from a directory.
 *
 *     request.path ─▶ decodeRequestPath ─▶ locateFile ─▶ method check
 *        ─▶ small-file cache or stat ─▶ fileResponse (200 / 206 / 416)
 *
 * It is a plain Handler, complete on its own: a miss is a 404 like any
 * other server's. To put it behind an application's routes, wrap it with
 * staticFallback (static-fallback.ts), which tries the routes first.
 */
import { realpathSync } from "node:fs";
import { open } from "node:fs/promises";
import type { Handler, HttpRequest, HttpResponse } from "#ch03/message.ts";
import { contentTypeFor } from "./content-type.ts";
import { directoryListing } from "./directory-listing.ts";
import { type FileSnapshot, fileResponse } from "./file-response.ts";
import { type Located, locateFile } from "./locate-file.ts";
import { decodeRequestPath } from "./request-path.ts";
import { SmallFileCache } from "./small-file-cache.ts";
import { resolveOptions, type StaticOptions } from "./static-options.ts";

/** The methods a static file supports (RFC 9110 §9.3.1, §9.3.2). */
export const STATIC_METHODS = "GET, HEAD";

function textResponse(status: number, text: string, extra: HttpResponse["headers"] = []) {
  return {
    status,
    headers: [
      ["content-type", "text/plain; charset=utf-8"],
      ["x-content-type-options", "nosniff"],
      ...extra,
    ],
    body: `${text}\n`,
  } satisfies HttpResponse;
}

/** The root's real path; undefined until it exists (the book may be unbuilt). */
function realRootOf(root: string): string | undefined {
  try {
    return realpathSync.native(root);
  } catch {
    return undefined;
  }
}

/** Bytes and identity of a small file, from one open handle (no TOCTOU). */
async function readSmall(file: string): Promise<FileSnapshot> {
  const handle = await open(file, "r");
  try {
    const identity = await handle.stat();
    return { file, identity, bytes: await handle.readFile() };
  } finally {
    await handle.close();
  }
}

export function serveStatic(root: string, options: StaticOptions = {}): Handler {
  const opts = resolveOptions(options);
  const cache = opts.cache
    ? new SmallFileCache({ ...opts.cache, revalidateAfterMs: opts.revalidateAfterMs })
    : undefined;
  let realRoot = realRootOf(root);

  const snapshotOf = async (located: Located & { kind: "file" }): Promise<FileSnapshot> => {
    const { file, stats } = located;
    const now = opts.now();
    const cached = cache && (cache.fresh(file, now) ?? cache.revalidate(file, stats, now));
    if (cached) return { file, identity: cached.identity, bytes: cached.bytes };
    if (!cache?.admits(stats)) return { file, identity: stats, bytes: undefined };
    const snapshot = await readSmall(file);
    if (snapshot.bytes) cache.store(file, snapshot.identity, snapshot.bytes, now);
    return snapshot;
  };

  return async (request: HttpRequest): Promise<HttpResponse> => {
    realRoot ??= realRootOf(root);
    if (realRoot === undefined) return textResponse(404, "404 Not Found");
    const decision = decodeRequestPath(request.path, request.query);
    if (decision.kind === "reject") return textResponse(400, `400 Bad Request: ${decision.reason}`);
    const located = await locateFile(realRoot, decision, opts);
    if (located.kind === "missing") return textResponse(404, "404 Not Found");
    if (request.method !== "GET" && request.method !== "HEAD") {
      return textResponse(405, "405 Method Not Allowed", [["allow", STATIC_METHODS]]);
    }
    if (located.kind === "redirect") {
      return textResponse(301, `301 Moved Permanently: ${located.location}`, [
        ["location", located.location],
      ]);
    }
    if (located.kind === "listing") {
      const { dir } = located;
      const html = await directoryListing(
        dir,
        decision.rawPath,
        opts.dotfiles,
        opts.maxListingEntries,
      ).catch(() => undefined);
      if (html === undefined) return textResponse(404, "404 Not Found");
      return {
        status: 200,
        headers: [
          ["content-type", "text/html; charset=utf-8"],
          ["x-content-type-options", "nosniff"],
        ],
        body: html,
      };
    }
    const variant = await opts.variant?.(request, located.file, located.stats);
    let snapshot: FileSnapshot;
    try {
      snapshot = await snapshotOf(variant ? { kind: "file", ...variant } : located);
    } catch {
      // Deleted or replaced between stat and open: as if never there. Only
      // file-system errors land here; a bug below still surfaces as a 500.
      return textResponse(404, "404 Not Found");
    }
    if (variant === undefined) return fileResponse(request, snapshot, opts);
    const contentType = contentTypeFor(located.file);
    return fileResponse(request, { ...snapshot, contentType, headers: variant.headers }, opts);
  };
}
