/**
 * Which files a test file loads: its static imports, followed through
 * relative paths and the package's `#name/*` imports (package.json).
 *
 * The exercises-caught check uses it to run first the test files that can
 * see a stubbed exercise. It only orders and narrows a search: a probe the
 * narrowed files miss runs the chapter's other files too, so an import this
 * scan cannot follow (a computed `import()`) costs time, never a verdict.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../course/chapters.ts";

type ImportsMap = Record<string, string | Record<string, string>>;

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g;

function packageImports(): [prefix: string, target: string][] {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    imports?: ImportsMap;
  };
  return Object.entries(pkg.imports ?? {}).flatMap(([key, value]) => {
    const target = typeof value === "string" ? value : value.default;
    if (!target || !key.endsWith("/*") || !target.endsWith("/*")) return [];
    return [[key.slice(0, -1), path.join(ROOT, target.slice(0, -1))] as [string, string]];
  });
}

function existing(candidate: string): string | undefined {
  for (const c of [candidate, `${candidate}.ts`, path.join(candidate, "index.ts")]) {
    if (c.endsWith(".ts") && existsSync(c)) return c;
  }
  if (candidate.endsWith(".js")) return existing(candidate.slice(0, -3));
  return undefined;
}

export class ImportGraph {
  readonly #aliases = packageImports();
  readonly #edges = new Map<string, string[]>();
  readonly #closures = new Map<string, Map<string, number>>();

  /** Absolute .ts files `file` imports directly (bare packages left out). */
  imports(file: string): string[] {
    const known = this.#edges.get(file);
    if (known) return known;
    const out: string[] = [];
    const text = existsSync(file) ? readFileSync(file, "utf8") : "";
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] as string;
      let resolved: string | undefined;
      if (spec.startsWith(".")) resolved = existing(path.resolve(path.dirname(file), spec));
      else {
        const alias = this.#aliases.find(([prefix]) => spec.startsWith(prefix));
        if (alias) resolved = existing(path.join(alias[1], spec.slice(alias[0].length)));
      }
      if (resolved) out.push(resolved);
    }
    this.#edges.set(file, out);
    return out;
  }

  /** Every .ts file `file` loads, with its import depth (`file` itself: 0). */
  closure(file: string): Map<string, number> {
    const known = this.#closures.get(file);
    if (known) return known;
    const depth = new Map<string, number>([[file, 0]]);
    let level = [file];
    for (let d = 1; level.length > 0; d++) {
      const next: string[] = [];
      for (const f of level) {
        for (const dep of this.imports(f)) {
          if (!depth.has(dep)) {
            depth.set(dep, d);
            next.push(dep);
          }
        }
      }
      level = next;
    }
    this.#closures.set(file, depth);
    return depth;
  }
}
