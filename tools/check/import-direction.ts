/**
 * CI invariant: imports point down.
 *
 * Chapter N builds on chapters below it and never on one above: a reader
 * who has finished chapter 03 must be able to run it without chapter 05's
 * code, and the learner switch (`#chNN/*` → exercises/) only works when no
 * chapter reaches up. The assembled server in src/ ships to users and
 * never imports the course machinery in tools/. This check reads every
 * import in solutions/ and src/ and names each one that breaks the rule.
 *
 *   npx tsx tools/check/import-direction.ts
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { listChapters, listSources, ROOT } from "../course/chapters.ts";

export interface Violation {
  /** Repository-relative file that imports. */
  readonly file: string;
  /** The specifier as written. */
  readonly specifier: string;
  readonly why: string;
}

/** Every module specifier in `source`: static, dynamic and re-exports. */
export function importsOf(source: string): string[] {
  const found: string[] = [];
  const pattern =
    /(?:^|[\s;}])(?:import|export)\s[^'"`]*?from\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gm;
  for (const m of source.matchAll(pattern)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec !== undefined) found.push(spec);
  }
  return found;
}

/** The chapter number a `#chNN/` specifier names, or undefined. */
function chapterOf(specifier: string): number | undefined {
  const m = /^#ch(\d\d)\//.exec(specifier);
  return m ? Number(m[1]) : undefined;
}

/** Aliases that resolve into tools/ (package.json "imports"). */
const TOOLS_ALIASES = ["#testing/", "#course/"];

function reachesTools(specifier: string, from: string, root: string): boolean {
  if (TOOLS_ALIASES.some((alias) => specifier.startsWith(alias))) return true;
  if (!specifier.startsWith(".")) return false;
  const target = path.relative(root, path.resolve(path.dirname(from), specifier));
  return target === "tools" || target.startsWith(`tools${path.sep}`);
}

/** Which chapter folder a relative specifier lands in, or undefined. */
function relativeChapter(specifier: string, from: string, root: string): number | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const target = path.relative(root, path.resolve(path.dirname(from), specifier));
  const m = /^(?:solutions|exercises)[\\/](\d\d)-/.exec(target);
  return m ? Number(m[1]) : undefined;
}

/**
 * Known exceptions, each with the issue that removes it. Empty is the
 * goal; an entry that no longer matches anything is itself reported, so
 * the list cannot go stale.
 */
export const KNOWN: readonly { readonly file: string; readonly specifier: string }[] = [];

/** Every upward or outward import under `root`. */
export function findViolations(root = ROOT): Violation[] {
  const out: Violation[] = [];
  for (const chapter of listChapters(root)) {
    const own = Number(chapter.number);
    for (const rel of listSources(chapter.solutionsDir)) {
      const abs = path.join(chapter.solutionsDir, rel);
      const file = path.relative(root, abs);
      for (const specifier of importsOf(readFileSync(abs, "utf8"))) {
        const other = chapterOf(specifier) ?? relativeChapter(specifier, abs, root);
        if (other !== undefined && other > own) {
          const why = `chapter ${chapter.number} imports chapter ${String(other).padStart(2, "0")}`;
          out.push({ file, specifier, why });
        } else if (other !== undefined && other !== own && specifier.startsWith(".")) {
          out.push({ file, specifier, why: "another chapter is reached through #chNN/*" });
        } else if (reachesTools(specifier, abs, root)) {
          out.push({ file, specifier, why: "solutions/ imports tools/" });
        }
      }
    }
  }
  const src = path.join(root, "src");
  for (const rel of listSources(src)) {
    const abs = path.join(src, rel);
    const file = path.relative(root, abs);
    for (const specifier of importsOf(readFileSync(abs, "utf8"))) {
      if (reachesTools(specifier, abs, root)) {
        out.push({ file, specifier, why: "src/ imports tools/" });
      }
    }
  }
  return out;
}

/** Violations not excused by KNOWN, plus KNOWN entries that went stale. */
export function check(root = ROOT): string[] {
  const found = findViolations(root);
  const excused = (v: Violation): boolean =>
    KNOWN.some((k) => k.file === v.file && k.specifier === v.specifier);
  const problems = found
    .filter((v) => !excused(v))
    .map((v) => `${v.file}: import "${v.specifier}": ${v.why}`);
  for (const k of KNOWN) {
    if (!found.some((v) => v.file === k.file && v.specifier === k.specifier)) {
      problems.push(`${k.file}: "${k.specifier}" is fixed; remove it from KNOWN`);
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = check();
  for (const p of problems) console.error(p);
  if (problems.length > 0) {
    console.error(`\n${problems.length} import(s) point the wrong way (CONTRIBUTING.md)`);
    process.exitCode = 1;
  } else console.log("imports point down: ok");
}
