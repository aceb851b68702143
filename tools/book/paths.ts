/**
 * Where the book's inputs and outputs live. Every generated folder sits
 * under book/.vitepress/, which .gitignore already covers (dist/, cache/),
 * so a build never leaves untracked files in the repository.
 */
import path from "node:path";
import { findRepoRoot } from "../course/repo-root.ts";

/** The repository root (two levels above tools/book/). */
export const REPO_ROOT = findRepoRoot(import.meta.url);

/** Committed site configuration: landing page, theme, VitePress config. */
export const BOOK_DIR = path.join(REPO_ROOT, "book");

/** The VitePress root (where .vitepress/ is). */
export const VITEPRESS_ROOT = BOOK_DIR;

/** Generated site source: expanded chapters, landing page, API pages. */
export const SITE_SRC = path.join(BOOK_DIR, ".vitepress", "cache", "site");

/** Vite's dependency cache, kept apart from SITE_SRC so dev mode watches it. */
export const VITE_CACHE = path.join(BOOK_DIR, ".vitepress", "cache", "vite");

/** The default built site. */
export const DEFAULT_DIST = path.join(BOOK_DIR, ".vitepress", "dist");

/** Where `npm run book:pdf` writes, outside any committed folder. */
export const PDF_OUT = path.join(BOOK_DIR, ".vitepress", "cache", "handshake.pdf");
