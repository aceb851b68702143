/**
 * Writes the site's source folder: the Markdown VitePress builds.
 *
 * Chapters are written by people in chapters/; the site gets them with
 * every directive expanded, beside the landing page (book/index.md), the
 * README and CONTRIBUTING (chapters link to them), a print edition that
 * concatenates the chapters, and site-data.json (sidebar, chapter list)
 * that book/.vitepress/config.ts reads. The folder mirrors the repository
 * layout so relative links between these files work unchanged.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { CodeResolver, type Resolved } from "./code-refs.ts";
import { expandMarkdown } from "./expand.ts";
import type { ApiLookup } from "./render-code.ts";
import { PARTS, partOf } from "./toc.ts";

/** A chapter file name: two digits, a dash, a kebab-case slug. */
export const CHAPTER_FILE = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

export interface ChapterSource {
  readonly number: number;
  /** e.g. "01-sockets". */
  readonly slug: string;
  /** Repository-relative path, e.g. "chapters/01-sockets.md". */
  readonly file: string;
  /** The chapter's H1, or the planned title. */
  readonly title: string;
}

export interface SidebarItem {
  readonly text: string;
  readonly link?: string;
  readonly target?: string;
  readonly items?: readonly SidebarItem[];
  readonly collapsed?: boolean;
}

export interface SiteData {
  readonly sidebar: readonly SidebarItem[];
  readonly chapters: readonly ChapterSource[];
  readonly notes: readonly ChapterSource[];
}

/** Strip YAML front matter; chapters may carry it, the print page may not. */
const withoutFrontMatter = (md: string): string => md.replace(/^---\n[\s\S]*?\n---\n/, "");

const firstHeading = (md: string): string | undefined =>
  /^# (.+)$/m.exec(withoutFrontMatter(md))?.[1]?.trim();

/** Pages with the same NN-slug.md names under `root`/`folder`, in order. */
function listPages(root: string, folder: string): ChapterSource[] {
  const dir = path.join(root, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => CHAPTER_FILE.test(f))
    .sort()
    .map((f) => {
      const number = Number(f.slice(0, 2));
      const slug = f.replace(/\.md$/, "");
      const planned = PARTS.flatMap((p) => p.chapters).find((c) => c.number === number);
      const md = readFileSync(path.join(dir, f), "utf8");
      const title = firstHeading(md) ?? planned?.title ?? slug;
      return { number, slug, file: `${folder}/${f}`, title };
    });
}

/** The written chapters under `root`/chapters, in order. */
export function listChapters(root: string): ChapterSource[] {
  return listPages(root, "chapters");
}

/**
 * Design notes: chapters/notes/NN-slug.md holds what chapter NN measured
 * and decided beyond what a reader needs to build it (benchmarks, profiles,
 * the history of the hot path). The chapter keeps a short summary and links
 * here; chapter 19 (performance) is planned to take the material over.
 */
export const NOTES_FOLDER = "chapters/notes";

/** The design-notes pages, in chapter order. */
export function listNotes(root: string): ChapterSource[] {
  return listPages(root, NOTES_FOLDER);
}

/** Every page whose references the book expands: chapters, then notes. */
export function listBookPages(root: string): ChapterSource[] {
  return [...listChapters(root), ...listNotes(root)];
}

const label = (n: number, title: string): string => `${String(n).padStart(2, "0")} · ${title}`;

/** Parts with written chapters linked and planned ones shown as text. */
export function buildSidebar(
  chapters: readonly ChapterSource[],
  hasContributing = true,
  notes: readonly ChapterSource[] = [],
): SidebarItem[] {
  const parts: SidebarItem[] = PARTS.map((part) => {
    const written = chapters.filter((c) => partOf(c.number) === part);
    const planned = part.chapters.filter((p) => !written.some((c) => c.number === p.number));
    const items = [
      ...written.map((c) => ({
        n: c.number,
        text: label(c.number, c.title),
        link: `/chapters/${c.slug}`,
      })),
      ...planned.map((p) => ({
        n: p.number,
        text: `<span class="planned" title="not written yet">${label(p.number, p.title)}</span>`,
      })),
    ]
      .sort((a, b) => a.n - b.n)
      .map(({ n: _, ...item }) => item);
    return { text: part.title, items };
  });
  return [
    { text: "Start here", items: [{ text: "Introduction", link: "/" }] },
    ...parts,
    ...(notes.length === 0
      ? []
      : [
          {
            text: "Design notes",
            collapsed: true,
            items: notes.map((n) => ({
              text: label(n.number, n.title),
              link: `/${NOTES_FOLDER}/${n.slug}`,
            })),
          },
        ]),
    {
      text: "Reference",
      items: [
        { text: "API reference", link: "/api/index.html", target: "_self" },
        ...(hasContributing ? [{ text: "Contributing", link: "/CONTRIBUTING" }] : []),
        { text: "Print edition", link: "/chapters/print" },
      ],
    },
  ];
}

/**
 * The landing page links to chapter 1; until that chapter is written,
 * point such links at the first written chapter (or CONTRIBUTING), so the
 * site never carries a dead link.
 */
export function retargetChapterLinks(md: string, chapters: readonly ChapterSource[]): string {
  const first = chapters[0] ? `/chapters/${chapters[0].slug}` : "/CONTRIBUTING";
  return md.replace(/\/chapters\/([a-z0-9-]+)\b/g, (link, slug: string) =>
    chapters.some((c) => c.slug === slug) ? link : first,
  );
}

/**
 * The landing page's table of contents: every part, each written chapter
 * linked with its title, each planned one shown as planned. Replaces the
 * `<!-- contents -->` line of book/index.md.
 */
export function landingContents(chapters: readonly ChapterSource[]): string {
  const lines: string[] = [];
  for (const part of PARTS) {
    const written = chapters.filter((c) => partOf(c.number) === part);
    const numbers = new Set([
      ...part.chapters.map((p) => p.number),
      ...written.map((c) => c.number),
    ]);
    lines.push(`### ${part.title}`, "");
    for (const n of [...numbers].sort((a, b) => a - b)) {
      const c = written.find((w) => w.number === n);
      const planned = part.chapters.find((p) => p.number === n);
      if (c) lines.push(`- [${label(n, c.title)}](/chapters/${c.slug})`);
      else if (planned)
        lines.push(`- ${label(n, planned.title)} <span class="planned">planned</span>`);
    }
    lines.push("");
  }
  return lines.join("\n").trimEnd();
}

export function withContents(md: string, chapters: readonly ChapterSource[]): string {
  return md.replace(/^<!--\s*contents\s*-->$/m, () => landingContents(chapters));
}

export interface SiteSourceResult {
  readonly chapters: readonly ChapterSource[];
  readonly resolved: readonly Resolved[];
  readonly errors: readonly string[];
}

/** Add one front-matter line (the last chapter has no "next" page). */
export function withFrontMatter(md: string, line: string): string {
  if (md.startsWith("---\n")) return `---\n${line}\n${md.slice(4)}`;
  return `---\n${line}\n---\n\n${md}`;
}

/** The print edition's title page and table of contents. */
function printCover(chapters: readonly ChapterSource[]): string {
  const toc = PARTS.flatMap((part) => {
    const inPart = chapters.filter((c) => partOf(c.number) === part);
    if (inPart.length === 0) return [];
    return [
      `<p class="print-part">${part.title}</p>`,
      "",
      ...inPart.map((c) => `- ${label(c.number, c.title)}`),
      "",
    ];
  });
  return [
    '<div class="print-cover">',
    "",
    '<p class="print-title">Handshake</p>',
    "",
    '<p class="print-subtitle">Build a real HTTP server in TypeScript, from a raw TCP socket up</p>',
    "",
    ...toc,
    "</div>",
  ].join("\n");
}

const PRINT_HEAD = [
  "---",
  "title: Handshake, the print edition",
  "search: false",
  "sidebar: false",
  "aside: false",
  "---",
  "",
].join("\n");

/**
 * Write the site source for the repository at `root` into `outDir`
 * (emptied first, except `public/`, which the API step fills).
 */
export function writeSiteSource(
  root: string,
  bookDir: string,
  outDir: string,
  api: ApiLookup,
): SiteSourceResult {
  for (const entry of existsSync(outDir) ? readdirSync(outDir) : []) {
    if (entry !== "public") rmSync(path.join(outDir, entry), { recursive: true, force: true });
  }
  mkdirSync(path.join(outDir, NOTES_FOLDER), { recursive: true });
  const resolver = new CodeResolver(root);
  const chapters = listChapters(root);
  const resolved: Resolved[] = [];
  const errors: string[] = [];
  const printed: string[] = [];
  for (const c of chapters) {
    const md = readFileSync(path.join(root, c.file), "utf8");
    const x = expandMarkdown(md, c.file, resolver, api);
    resolved.push(...x.resolved);
    errors.push(...x.errors);
    const last = c === chapters.at(-1);
    writeFileSync(
      path.join(outDir, c.file),
      last ? withFrontMatter(x.markdown, "next: false") : x.markdown,
    );
    printed.push(`<div class="print-chapter">\n\n${withoutFrontMatter(x.markdown)}\n\n</div>`);
  }
  // Notes pages are web pages beside their chapter, not part of the print.
  const notes = listNotes(root);
  for (const n of notes) {
    const x = expandMarkdown(readFileSync(path.join(root, n.file), "utf8"), n.file, resolver, api);
    resolved.push(...x.resolved);
    errors.push(...x.errors);
    writeFileSync(path.join(outDir, n.file), withFrontMatter(x.markdown, "next: false"));
  }
  const cover = printCover(chapters);
  writeFileSync(
    path.join(outDir, "chapters", "print.md"),
    PRINT_HEAD + [cover, ...printed].join("\n\n"),
  );
  for (const f of ["README.md", "CONTRIBUTING.md"]) {
    const src = path.join(root, f);
    if (existsSync(src)) writeFileSync(path.join(outDir, f), readFileSync(src, "utf8"));
  }
  // Committed static files (the icon) go beside the API pages in public/.
  const assets = path.join(bookDir, "public");
  if (existsSync(assets)) cpSync(assets, path.join(outDir, "public"), { recursive: true });
  const landing = readFileSync(path.join(bookDir, "index.md"), "utf8");
  writeFileSync(
    path.join(outDir, "index.md"),
    retargetChapterLinks(withContents(landing, chapters), chapters),
  );
  const hasContributing = existsSync(path.join(root, "CONTRIBUTING.md"));
  const data: SiteData = {
    sidebar: buildSidebar(chapters, hasContributing, notes),
    chapters,
    notes,
  };
  writeFileSync(path.join(outDir, "site-data.json"), `${JSON.stringify(data, null, 2)}\n`);
  return { chapters, resolved, errors };
}
