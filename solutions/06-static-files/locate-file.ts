/**
 * From decoded segments to one regular file, or the reason there is none.
 *
 *     segments ─▶ dotfile policy ─▶ realpath inside root? ─▶ stat
 *        ─▶ directory without "/"  → 301 to path + "/"
 *        ─▶ directory with "/"     → index.html, else listing or 404
 *        ─▶ regular file           → serve it
 *        ─▶ anything else (FIFO, socket, device) → 404
 *
 * Refusing non-regular files matters: opening a FIFO blocks until a writer
 * appears, and one request would hang a libuv thread forever.
 */
import type { Stats } from "node:fs";
import { stat } from "node:fs/promises";
import { confineToRoot } from "./confine-to-root.ts";
import type { ResolvedStaticOptions } from "./static-options.ts";

export type Located =
  | { readonly kind: "file"; readonly file: string; readonly stats: Stats }
  | { readonly kind: "redirect"; readonly location: string }
  | { readonly kind: "listing"; readonly dir: string }
  | { readonly kind: "missing"; readonly why: string };

export interface LocateRequest {
  readonly segments: readonly string[];
  /** The client asked for a directory (path ended in "/"). */
  readonly directory: boolean;
  readonly rawPath: string;
  readonly query: string;
}

const missing = (why: string): Located => ({ kind: "missing", why });

async function statOrUndefined(file: string): Promise<Stats | undefined> {
  try {
    return await stat(file);
  } catch {
    return undefined;
  }
}

/**
 * The first index file of a directory that is a regular file.
 *
 * @exercise
 * @hint nudge: a directory may have several candidate index files; the first
 *   that is a regular file wins.
 * @hint concept: for each name in options.indexFiles, confine the directory's
 *   segments plus that name to the root (links and all); skip what is not
 *   inside; stat it and return the first regular file.
 * @hint solution: for each index name in order: confineToRoot with the
 *   segments and that name, under the symlink policy; skip unless inside;
 *   statOrUndefined the file; the first that is a regular file is the file
 *   result (with its stats). None of them: undefined.
 */
async function findIndex(
  realRoot: string,
  segments: readonly string[],
  options: ResolvedStaticOptions,
): Promise<Located | undefined> {
  for (const name of options.indexFiles) {
    const place = await confineToRoot(
      realRoot,
      [...segments, name],
      options.symlinks,
    );
    if (place.kind !== "inside") continue;
    const stats = await statOrUndefined(place.file);
    if (stats?.isFile()) return { kind: "file", file: place.file, stats };
  }
  return undefined;
}

/**
 * From decoded segments to what to serve: a file, a redirect to the
 * directory's "/" form, a listing, or the reason there is nothing.
 *
 * @exercise
 * @hint nudge: the diagram at the top of this file is the whole function: walk
 *   it from top to bottom.
 * @hint concept: hidden dotfiles and anything not inside the root are missing.
 *   A directory without '/' redirects to the '/' form, query kept (RFC 9110
 *   §15.4.2); with '/' it serves its index, else a listing if enabled. '/' on a
 *   file is missing; only regular files are served.
 * @hint solution: in the diagram's order, each refusal a missing with its
 *   reason: a dot segment under 'hide'; confineToRoot not inside; no stats. A
 *   directory: redirect to rawPath, '/' and the query, or findIndex, listing
 *   or missing. Then '/' on a non-directory, and a non-regular file; else file.
 */
export async function locateFile(
  realRoot: string,
  request: LocateRequest,
  options: ResolvedStaticOptions,
): Promise<Located> {
  const { segments } = request;
  if (options.dotfiles === "hide" && segments.some((s) => s.startsWith("."))) {
    return missing("dotfile hidden");
  }
  const place = await confineToRoot(realRoot, segments, options.symlinks);
  if (place.kind !== "inside") return missing(place.kind);
  const stats = await statOrUndefined(place.file);
  if (!stats) return missing("vanished");
  if (stats.isDirectory()) {
    // RFC 9110 §15.4.2: 301 tells clients and caches the "/" form is the
    // real one, so relative links in index.html resolve against it.
    if (!request.directory) {
      return {
        kind: "redirect",
        location: `${request.rawPath}/${request.query}`,
      };
    }
    const index = await findIndex(realRoot, segments, options);
    if (index) return index;
    return options.listDirectories
      ? { kind: "listing", dir: place.file }
      : missing("no index");
  }
  if (request.directory) return missing("not a directory");
  if (!stats.isFile()) return missing("not a regular file");
  return { kind: "file", file: place.file, stats };
}
