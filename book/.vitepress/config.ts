/**
 * VitePress configuration for the Handshake book.
 *
 * VitePress builds the generated source folder that tools/book/build.ts
 * writes (chapters with their code references expanded); this file only
 * decides how the site looks and behaves. The build passes its folders
 * through HANDSHAKE_BOOK_SRC / HANDSHAKE_BOOK_OUT so tests can build a
 * fixture book elsewhere.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type DefaultTheme, defineConfig } from "vitepress";
import { mermaidFence } from "../../tools/book/mermaid-fence.ts";
import { repoLinks } from "../../tools/book/repo-links.ts";
import type { SiteData } from "../../tools/book/site-source.ts";
import { githubSlug } from "../../tools/book/slug.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const srcDir = process.env.HANDSHAKE_BOOK_SRC ?? path.join(here, "cache", "site");
const outDir = process.env.HANDSHAKE_BOOK_OUT ?? path.join(here, "dist");
const repoRoot = process.env.HANDSHAKE_BOOK_ROOT ?? path.resolve(here, "../..");
const data = JSON.parse(readFileSync(path.join(srcDir, "site-data.json"), "utf8")) as SiteData;

export default defineConfig({
  title: "Handshake",
  description: "Build a real HTTP server in TypeScript from a raw TCP socket up.",
  lang: "en",
  srcDir,
  outDir,
  cacheDir: path.join(here, "cache", "vite"),
  cleanUrls: false,
  lastUpdated: false,
  // The API pages are plain HTML from typedoc, checked after the build.
  ignoreDeadLinks: [/^\/api\//],
  head: [
    ["link", { rel: "icon", type: "image/svg+xml", href: "/favicon.svg" }],
    ["meta", { name: "theme-color", content: "#9a3412" }],
  ],
  markdown: {
    theme: { light: "github-light", dark: "github-dark" },
    // GitHub's anchors, so a link like chapters/03-keep-alive.md#pipelining
    // works both on GitHub and in the site.
    anchor: { slugify: githubSlug },
    config: (md) => {
      md.use(repoLinks, { root: repoRoot });
      md.use(mermaidFence);
    },
  },
  themeConfig: {
    logo: "/favicon.svg",
    nav: [
      { text: "Start", link: "/" },
      ...(data.chapters[0]
        ? [{ text: "Chapters", link: `/chapters/${data.chapters[0].slug}` }]
        : []),
      { text: "API", link: "/api/index.html", target: "_self" },
    ],
    sidebar: structuredClone(data.sidebar) as DefaultTheme.SidebarItem[],
    outline: { level: [2, 3], label: "In this chapter" },
    search: { provider: "local" },
    docFooter: { prev: "Previous chapter", next: "Next chapter" },
    footer: {
      message: "Every snippet is the real, tested code, woven in at build time.",
    },
  },
  vite: {
    logLevel: "warn",
    // mermaid's diagram chunks are large and load only on pages with
    // diagrams; the print edition holds every chapter's highlighted code in
    // one page (8.4 MB with 13 chapters at 84% of the code shown; it grows
    // with the book) and is opened to print, never on the way to a chapter.
    // Any chunk past 16 MB still fails the build: split the print edition
    // by part before the book reaches it.
    build: { chunkSizeWarningLimit: 16_000 },
    optimizeDeps: { include: ["mermaid"] },
  },
});
