/**
 * Precompressed siblings: `app.js.br` and `app.js.gz` made at build time
 * with the slowest, smallest settings (STATIC_LEVELS), served instead of
 * compressing `app.js` on every request.
 *
 *     GET /app.js                      exists?            sent
 *     Accept-Encoding: br, gzip   ─▶   app.js.br   yes ─▶  app.js.br bytes,
 *                                                          Content-Type of
 *                                                          app.js, Content-
 *                                                          Encoding: br
 *
 * This plugs into chapter 06's static handler through its `variant`
 * option: the handler has already confined the path to the root and
 * found a regular file; we only look next to it. The sibling's own stat
 * gives it its own ETag and Last-Modified, and Range works on its bytes.
 */
import type { Stats } from "node:fs";
import { lstat } from "node:fs/promises";
import { getCombined } from "#ch02/header-list.ts";
import type { HttpRequest } from "#ch03/message.ts";
import type { FileVariant, VariantChooser } from "#ch06/static-options.ts";
import {
  type EncodingPreference,
  parseAcceptEncoding,
} from "./accept-encoding.ts";
import type { Coding } from "./codings.ts";
import { chooseEncoding } from "./negotiate.ts";

/** The file name suffix of each coding's sibling, in our preference order. */
export const SIBLING_SUFFIXES: readonly (readonly [Coding, string])[] = [
  ["br", ".br"],
  ["gzip", ".gz"],
];

/** A sibling that exists on disk. */
export interface Sibling {
  readonly coding: Coding;
  readonly file: string;
  readonly stats: Stats;
}

/**
 * The sibling to serve, or undefined for the original. A sibling older
 * than its original is stale (the build changed app.js and forgot app.js.br)
 * and is never chosen: serving it would send yesterday's code.
 *
 * @exercise
 * @hint nudge: only fresh siblings are candidates, and the client's q-values
 *   decide among them.
 * @hint concept: RFC 9110 §12.5.3: the coding is negotiated from
 *   Accept-Encoding like a dynamic one (chooseEncoding), over the siblings'
 *   codings only. A sibling older than its original (mtimeMs) is stale content,
 *   and dropped first.
 * @hint solution: keep only siblings at least as new as the original, run
 *   chooseEncoding over their codings, and return the sibling whose coding was
 *   chosen (nothing when the choice is not a coding).
 */
export function choosePrecompressed(
  preferences: readonly EncodingPreference[] | undefined,
  original: Pick<Stats, "mtimeMs">,
  siblings: readonly Sibling[],
): Sibling | undefined {
  const fresh = siblings.filter((s) => s.stats.mtimeMs >= original.mtimeMs);
  const choice = chooseEncoding(
    preferences,
    fresh.map((s) => s.coding),
  );
  if (choice.kind !== "coding") return undefined;
  return fresh.find((s) => s.coding === choice.coding);
}

/**
 * The siblings of `file` that exist. lstat, not stat: a sibling must be a
 * regular file itself, not a link that could point outside the root.
 */
async function siblingsOf(file: string): Promise<Sibling[]> {
  const found: Sibling[] = [];
  for (const [coding, suffix] of SIBLING_SUFFIXES) {
    const stats = await lstat(file + suffix).catch(() => undefined);
    if (stats?.isFile()) found.push({ coding, file: file + suffix, stats });
  }
  return found;
}

/** The client's preferences; a malformed field counts as no field. */
function preferencesOf(
  request: HttpRequest,
): readonly EncodingPreference[] | undefined {
  const field = getCombined(request.headers, "accept-encoding");
  if (field === undefined) return undefined;
  const parsed = parseAcceptEncoding(field);
  return parsed.kind === "ok" ? parsed.preferences : undefined;
}

/**
 * The `variant` option for chapter 06's serveStatic. A sibling goes out
 * with `Vary: Accept-Encoding`; when the original goes out instead, the
 * compression middleware around the handler adds Vary (its type is text).
 */
/**
 * Which siblings a file has is remembered this long (chapter 06's
 * REVALIDATE_AFTER_MS): two lstat calls per request were most of the cost
 * of a precompressed page. A sibling written since is seen within it.
 */
export const SIBLINGS_REVALIDATE_MS = 1000;

/** Files whose siblings are remembered; when full, the memo starts over. */
export const SIBLINGS_MEMO_ENTRIES = 4096;

export function precompressedVariants(
  revalidateAfterMs = SIBLINGS_REVALIDATE_MS,
  clock: () => number = Date.now,
): VariantChooser {
  const known = new Map<
    string,
    { readonly siblings: Sibling[]; readonly at: number }
  >();
  /** Siblings looked up at most once per revalidateAfterMs per file. */
  const siblingsNow = async (file: string): Promise<Sibling[]> => {
    const now = clock();
    const entry = known.get(file);
    if (entry !== undefined && now - entry.at < revalidateAfterMs)
      return entry.siblings;
    const siblings = await siblingsOf(file);
    if (known.size >= SIBLINGS_MEMO_ENTRIES) known.clear();
    known.set(file, { siblings, at: now });
    return siblings;
  };
  /** The variant once the siblings are known. */
  const chosen = async (
    preferences: readonly EncodingPreference[],
    file: string,
    stats: Stats,
  ): Promise<FileVariant | undefined> => {
    const siblings = await siblingsNow(file);
    if (siblings.length === 0) return undefined;
    const sibling = choosePrecompressed(preferences, stats, siblings);
    if (sibling === undefined) return undefined;
    return {
      file: sibling.file,
      stats: sibling.stats,
      headers: [
        ["content-encoding", sibling.coding],
        ["vary", "Accept-Encoding"],
      ],
    };
  };
  return (request, file, stats) => {
    // No Accept-Encoding: identity is the answer, at once; no sibling to
    // look for, and no promise (chapter 06 serves a hot file without one).
    const preferences = preferencesOf(request);
    if (preferences === undefined) return undefined;
    return chosen(preferences, file, stats);
  };
}
