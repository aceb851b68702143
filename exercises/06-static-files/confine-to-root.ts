// Your copy of the reference code: write the functions marked @exercise.
// Generated from solutions/ by `npm run exercises`; `npm run learn -- reset NN` restores it.
/**
 * The last line of defence: after the operating system resolves every
 * symbolic link, is the file still under the root?
 *
 * Decoding (request-path.ts) guarantees that the segments we join onto the
 * root contain no "..". It cannot see symbolic links: "/photos/cat.jpg" may
 * be a link to /etc/passwd that someone (an upload feature, a careless
 * deploy script) left under the root. So we ask the kernel where the path
 * really leads (realpath(3)) and compare with the root's own real path.
 */
import { realpath } from "node:fs/promises";
import path from "node:path";
import type { SymlinkPolicy } from "./static-options.ts";
import { NotImplemented } from "#course/not-implemented.ts";

/**
 * True when `candidate` is `root` itself or lies beneath it. Both must be
 * absolute and normalized (realpath output is). A plain
 * `candidate.startsWith(root)` is the classic bug: "/srv/www-secrets"
 * starts with "/srv/www".
 *
 * @exercise
 */
export function isInsideRoot(root: string, candidate: string): boolean {
  throw new NotImplemented({
    chapter: "06",
    name: "isInsideRoot",
    file: "exercises/06-static-files/confine-to-root.ts",
    hint: "\"/srv/www-secrets\".startsWith(\"/srv/www\") is true; what else must follow the root?",
  });
}

export type Confinement =
  | { readonly kind: "inside"; readonly file: string }
  | { readonly kind: "missing" }
  | { readonly kind: "outside"; readonly target: string }
  | { readonly kind: "symlink-refused"; readonly target: string };

/**
 * Joins decoded segments onto the (already real) root and resolves links.
 * A path whose real location differs from its joined location went
 * through a symbolic link somewhere; the policy decides whether that is
 * allowed, and leaving the root never is.
 *
 * @exercise
 */
export async function confineToRoot(
  realRoot: string,
  segments: readonly string[],
  symlinks: SymlinkPolicy,
): Promise<Confinement> {
  throw new NotImplemented({
    chapter: "06",
    name: "confineToRoot",
    file: "exercises/06-static-files/confine-to-root.ts",
    hint: "joining the segments is not enough: a symbolic link can lead anywhere.",
  });
}
