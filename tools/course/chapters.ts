/**
 * The course's chapters, discovered from the folders on disk.
 *
 * A chapter exists when solutions/NN-slug/ exists; its title is the first
 * heading of chapters/NN-slug.md. Nothing is registered by hand, so adding
 * a chapter is adding its folders (CONTRIBUTING.md, "Adding a chapter").
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { findRepoRoot } from "./repo-root.ts";

export const ROOT = findRepoRoot(import.meta.url);

export interface Chapter {
  /** "01" */
  readonly number: string;
  /** "01-sockets" */
  readonly slug: string;
  /** From the chapter's H1, without the number prefix. */
  readonly title: string;
  readonly solutionsDir: string;
  readonly exercisesDir: string;
  readonly testsDir: string;
  readonly textFile: string;
}

const SLUG = /^(\d\d)-[a-z0-9-]+$/;

function titleOf(textFile: string, slug: string): string {
  if (!existsSync(textFile)) return slug.slice(3).replace(/-/g, " ");
  const h1 = /^#\s+(.+)$/m.exec(readFileSync(textFile, "utf8"));
  return (h1?.[1] ?? slug).replace(/^(chapter\s+)?\d+\s*[·:.\-—]?\s*/i, "").trim();
}

/** All chapters, in order. */
export function listChapters(root = ROOT): Chapter[] {
  const dir = path.join(root, "solutions");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((d) => SLUG.test(d))
    .sort()
    .map((slug) => {
      const textFile = path.join(root, "chapters", `${slug}.md`);
      return {
        number: slug.slice(0, 2),
        slug,
        title: titleOf(textFile, slug),
        solutionsDir: path.join(root, "solutions", slug),
        exercisesDir: path.join(root, "exercises", slug),
        testsDir: path.join(root, "tests", slug),
        textFile,
      };
    });
}

/** Find a chapter by number ("1", "01") or slug; undefined if none. */
export function findChapter(key: string, root = ROOT): Chapter | undefined {
  const n = /^\d{1,2}$/.test(key) ? key.padStart(2, "0") : undefined;
  return listChapters(root).find((c) => c.number === n || c.slug === key);
}

/** TypeScript sources of a folder, recursively, relative to it. */
export function listSources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.name.endsWith(".ts")) out.push(r);
    }
  };
  walk("");
  return out.sort();
}
