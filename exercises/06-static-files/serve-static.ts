/**
 * serveStatic: a Handler that answers GET and HEAD from a directory.
 *
 *     request.path ─▶ located cache, or decodeRequestPath ─▶ locateFile
 *        ─▶ method check ─▶ memory tier (small-file cache) or stat
 *        ─▶ fileResponse (200 / 206 / 416; a held file's 200 built once)
 *
 * It is a plain Handler, complete on its own: a miss is a 404 like any
 * other server's. To put it behind an application's routes, wrap it with
 * staticFallback (static-fallback.ts), which tries the routes first.
 */
import { realpathSync } from "node:fs";
import { open } from "node:fs/promises";
import { afterResult } from "#ch03/is-thenable.ts";
import type { Handler, HttpRequest, HttpResponse } from "#ch03/message.ts";
import { contentTypeFor } from "./content-type.ts";
import { directoryListing } from "./directory-listing.ts";
import { type FileSnapshot, fileResponse } from "./file-response.ts";
import { HeldResponses } from "./held-response.ts";
import { type Located, locateFile } from "./locate-file.ts";
import { decodeRequestPath } from "./request-path.ts";
import { type FoundFile, LocatedCache } from "./located-cache.ts";
import { CacheFills, SmallFileCache } from "./small-file-cache.ts";
import {
  type FileVariant,
  resolveOptions,
  type StaticOptions,
} from "./static-options.ts";

/** The methods a static file supports (RFC 9110 §9.3.1, §9.3.2). */
export const STATIC_METHODS = "GET, HEAD";

function textResponse(
  status: number,
  text: string,
  extra: HttpResponse["headers"] = [],
) {
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

/**
 * The root's real path; undefined until it exists (the book may be unbuilt).
 */
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

/** What a target leads to, as serveStatic needs it. */
type Where =
  | FoundFile
  | Exclude<Located, { kind: "file" | "listing" }>
  | { readonly kind: "listing"; readonly dir: string; readonly rawPath: string }
  | { readonly kind: "reject"; readonly reason: string };

export function serveStatic(
  root: string,
  options: StaticOptions = {},
): Handler {
  const opts = resolveOptions(options);
  const cache = opts.cache
    ? new SmallFileCache({
        ...opts.cache,
        revalidateAfterMs: opts.revalidateAfterMs,
      })
    : undefined;
  const hot = opts.cache
    ? new LocatedCache(opts.revalidateAfterMs, opts.cache.locatedEntries)
    : undefined;
  const fills = new CacheFills<FileSnapshot>(
    opts.cache ? opts.cache.budget : 0,
  );
  const whole = new HeldResponses(opts);
  let realRoot = realRootOf(root);

  /** Where the target leads: remembered for a hot file, else looked up. */
  const locate = async (
    request: HttpRequest,
    realRoot: string,
  ): Promise<Where> => {
    const now = opts.now();
    const known = hot?.get(request.target, now);
    if (known) return known;
    const decision = decodeRequestPath(request.path, request.query);
    if (decision.kind === "reject") return decision;
    const located = await locateFile(realRoot, decision, opts);
    if (located.kind === "file") {
      const found = { ...located, statsAt: now };
      hot?.set(request.target, found);
      return found;
    }
    return located.kind === "listing"
      ? { ...located, rawPath: decision.rawPath }
      : located;
  };

  /** `statsAt`: when `located.stats` was taken (earlier, if remembered). */
  const snapshotOf = async (
    located: Located & { kind: "file" },
    statsAt: number | undefined,
  ): Promise<FileSnapshot> => {
    const { file, stats } = located;
    const now = opts.now();
    const checked = statsAt ?? now;
    const cached =
      cache &&
      (cache.fresh(file, now) ?? cache.revalidate(file, stats, checked));
    if (cached) return { file, identity: cached.identity, bytes: cached.bytes };
    if (!cache?.admits(stats) || !fills.admit(file, stats.size)) {
      return { file, identity: stats, bytes: undefined };
    }
    return fills.run(file, stats.size, async () => {
      const snapshot = await readSmall(file);
      if (snapshot.bytes)
        cache.store(file, snapshot.identity, snapshot.bytes, now);
      return snapshot;
    });
  };

  /**
   * The answer for a located file, given its variant (none: the file).
   * Synchronous when the bytes are held and checked recently enough.
   */
  const answerFile = (
    request: HttpRequest,
    located: FoundFile,
    variant: FileVariant | undefined,
  ): HttpResponse | Promise<HttpResponse> => {
    if (variant === undefined && cache !== undefined) {
      const held = cache.fresh(located.file, opts.now());
      if (held !== undefined) {
        const { identity, bytes } = held;
        return whole.respond(request, { file: located.file, identity, bytes });
      }
    }
    return snapshotted(request, located, variant);
  };

  /** answerFile once the disk (stat, or a read) has to be asked. */
  const snapshotted = async (
    request: HttpRequest,
    located: FoundFile,
    variant: FileVariant | undefined,
  ): Promise<HttpResponse> => {
    let snapshot: FileSnapshot;
    try {
      snapshot = variant
        ? await snapshotOf({ kind: "file", ...variant }, undefined)
        : await snapshotOf(located, located.statsAt);
    } catch {
      // Deleted or replaced between stat and open: as if never there. Only
      // file-system errors land here; a bug below still surfaces as a 500.
      return textResponse(404, "404 Not Found");
    }
    if (variant === undefined) return whole.respond(request, snapshot);
    const contentType = contentTypeFor(located.file);
    return fileResponse(
      request,
      { ...snapshot, contentType, headers: variant.headers },
      opts,
    );
  };

  /** A located file: its variant, asked without a promise if it can be. */
  const serveFile = (
    request: HttpRequest,
    located: FoundFile,
  ): HttpResponse | Promise<HttpResponse> =>
    afterResult(opts.variant?.(request, located.file, located.stats), (v) =>
      answerFile(request, located, v),
    );

  /**
   * A hot file, answered without a promise: its target remembered and a
   * GET or HEAD. Anything else (or a root not there yet) goes the long way.
   */
  const hotFile = (request: HttpRequest): FoundFile | undefined => {
    if (hot === undefined || realRoot === undefined) return undefined;
    if (request.method !== "GET" && request.method !== "HEAD") return undefined;
    return hot.get(request.target, opts.now());
  };

  const serve = async (request: HttpRequest): Promise<HttpResponse> => {
    realRoot ??= realRootOf(root);
    if (realRoot === undefined) return textResponse(404, "404 Not Found");
    const located = await locate(request, realRoot);
    if (located.kind === "reject")
      return textResponse(400, `400 Bad Request: ${located.reason}`);
    if (located.kind === "missing") return textResponse(404, "404 Not Found");
    if (request.method !== "GET" && request.method !== "HEAD") {
      return textResponse(405, "405 Method Not Allowed", [
        ["allow", STATIC_METHODS],
      ]);
    }
    if (located.kind === "redirect") {
      return textResponse(301, `301 Moved Permanently: ${located.location}`, [
        ["location", located.location],
      ]);
    }
    if (located.kind === "listing") {
      const { dir, rawPath } = located;
      const html = await directoryListing(
        dir,
        rawPath,
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
    return serveFile(request, located);
  };

  return (request) => {
    const found = hotFile(request);
    return found === undefined ? serve(request) : serveFile(request, found);
  };
}
