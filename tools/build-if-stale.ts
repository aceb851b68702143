/**
 * `npm start`'s first step: rebuild dist/handshake.js when it is missing
 * or older than anything it could have bundled; then the start script
 * runs it with plain node (`node dist/handshake.js`).
 *
 * Why not run the TypeScript through tsx: its loader turns every call from
 * one module into another into an export getter, which costs the parser
 * about a third of its speed, and adds about 50 MiB of RSS. What
 * `npm start` runs is what a reader measures first, so it runs what an
 * operator would deploy; `npm run dev` keeps tsx for its watch mode.
 *
 * "Anything it could have bundled" is judged generously (every file under
 * src/, solutions/ and tools/, and the package files): a needless rebuild
 * costs esbuild about a second, a stale bundle would serve old code.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./course/chapters.ts";

const BUNDLE = path.join(ROOT, "dist", "handshake.js");
const INPUTS = ["src", "solutions", "tools", "package.json", "package-lock.json"];

/** The newest modification time under `file` (a file or a folder), in ms. */
function newestMtime(file: string): number {
  if (!existsSync(file)) return 0;
  const stats = statSync(file);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs; // a deleted file shows as its folder changing
  for (const entry of readdirSync(file)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(file, entry)));
  }
  return newest;
}

/** True when the bundle is missing or older than one of its inputs. */
export function bundleIsStale(): boolean {
  if (!existsSync(BUNDLE)) return true;
  const built = statSync(BUNDLE).mtimeMs;
  return INPUTS.some((input) => newestMtime(path.join(ROOT, input)) > built);
}

if (bundleIsStale()) await import("./build.ts");
