// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
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
import { NotImplemented } from "#course/not-implemented.ts";

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
 */
async function findIndex(
  realRoot: string,
  segments: readonly string[],
  options: ResolvedStaticOptions,
): Promise<Located | undefined> {
  throw new NotImplemented({
    chapter: "06",
    name: "findIndex",
    file: "exercises/06-static-files/locate-file.ts",
    hint: "a directory may have several candidate index files; the first that is a regular file wins.",
  });
}

/**
 * From decoded segments to what to serve: a file, a redirect to the
 * directory's "/" form, a listing, or the reason there is nothing.
 *
 * @exercise
 */
export async function locateFile(
  realRoot: string,
  request: LocateRequest,
  options: ResolvedStaticOptions,
): Promise<Located> {
  throw new NotImplemented({
    chapter: "06",
    name: "locateFile",
    file: "exercises/06-static-files/locate-file.ts",
    hint: "the diagram at the top of this file is the whole function: walk it from top to bottom.",
  });
}
