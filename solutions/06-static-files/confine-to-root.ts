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

/**
 * True when `candidate` is `root` itself or lies beneath it. Both must be
 * absolute and normalized (realpath output is). A plain
 * `candidate.startsWith(root)` is the classic bug: "/srv/www-secrets"
 * starts with "/srv/www".
 *
 * @exercise
 * @hint nudge: "/srv/www-secrets".startsWith("/srv/www") is true; what else
 *   must follow the root?
 * @hint concept: path.relative(root, candidate) is "" for the root itself and
 *   starts with ".." (or is absolute, on another drive) when outside.
 * @hint solution: take the relative path from root to candidate; the empty
 *   string is the root itself; otherwise its first segment must not be '..' and
 *   it must not be absolute.
 */
export function isInsideRoot(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  if (rel === "") return true;
  const first = rel.split(path.sep)[0];
  return first !== ".." && !path.isAbsolute(rel);
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
 * @hint nudge: joining the segments is not enough: a symbolic link can lead
 *   anywhere.
 * @hint concept: join the segments onto the real root and realpath the result;
 *   any failure is missing. A real path outside the root is refused whatever
 *   the policy; one that differs from the joined path went through a link,
 *   which 'refuse' refuses.
 * @hint solution: join, then await realpath in a try whose catch answers
 *   missing. isInsideRoot of the real root and the real path, or outside
 *   (with the target); a real path unlike the joined one under the 'refuse'
 *   policy is symlink-refused (with the target); else inside, with the file.
 */
export async function confineToRoot(
  realRoot: string,
  segments: readonly string[],
  symlinks: SymlinkPolicy,
): Promise<Confinement> {
  const joined = path.join(realRoot, ...segments);
  let real: string;
  try {
    real = await realpath(joined);
  } catch {
    // ENOENT, ENOTDIR, ELOOP, EACCES: all look the same to the client.
    return { kind: "missing" };
  }
  if (!isInsideRoot(realRoot, real)) return { kind: "outside", target: real };
  if (real !== joined && symlinks === "refuse")
    return { kind: "symlink-refused", target: real };
  return { kind: "inside", file: real };
}
