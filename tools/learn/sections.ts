/**
 * Where the book teaches each exercise: the heading above its
 * `<!-- exercise: solutions/...#name -->` marker in the chapter. Read with
 * a line scan, no compiler, so `hint` can name the section cheaply.
 */
import { existsSync, readFileSync } from "node:fs";
import { githubSlug } from "../book/slug.ts";
import type { Chapter } from "../course/chapters.ts";

/** Exercise name → "chapters/NN-slug.md#anchor". */
export function exerciseSections(chapter: Chapter): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(chapter.textFile)) return out;
  const seen = new Map<string, number>();
  let anchor = "";
  let fence = false;
  for (const line of readFileSync(chapter.textFile, "utf8").split("\n")) {
    if (/^\s*(`{3,}|~{3,})/.test(line)) fence = !fence;
    if (fence) continue;
    const h = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (h?.[1]) {
      const base = githubSlug(h[1].replace(/`([^`]*)`/g, "$1"));
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      anchor = n === 0 ? base : `${base}-${n}`;
    }
    const ex = /<!--\s*exercise:\s*solutions\/[^#\s]+#([\w.#]+)\s*-->/.exec(line);
    if (ex?.[1] && !out.has(ex[1])) out.set(ex[1], `chapters/${chapter.slug}.md#${anchor}`);
  }
  return out;
}
