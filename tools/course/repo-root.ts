/**
 * The repository's root folder, found from a module's own URL.
 *
 * Walking up to the package.json named "handshake" works wherever the
 * module runs from: the TypeScript sources under tsx, or the bundle in
 * dist/ (where a fixed "../.." would point one level too high).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export function findRepoRoot(moduleUrl: string): string {
  let dir = path.dirname(fileURLToPath(moduleUrl));
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (existsSync(pkg)) {
      const { name } = JSON.parse(readFileSync(pkg, "utf8")) as { name?: string };
      if (name === "handshake") return dir;
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no Handshake checkout above ${fileURLToPath(moduleUrl)}`);
    dir = up;
  }
}
