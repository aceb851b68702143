/**
 * The site's table of contents: written chapters are linked in their
 * part, planned ones are shown unlinked (never a dead link), and the
 * landing page's chapter links follow what exists.
 */
import { describe, expect, test } from "vitest";
import {
  buildSidebar,
  type ChapterSource,
  retargetChapterLinks,
  withFrontMatter,
} from "../../tools/book/site-source.ts";

const chapter = (number: number, slug: string, title: string): ChapterSource => ({
  number,
  slug,
  title,
  file: `chapters/${slug}.md`,
});
const written = [chapter(1, "01-sockets", "Sockets"), chapter(3, "03-keep-alive", "Keep-alive")];

describe("buildSidebar", () => {
  const sidebar = buildSidebar(written);
  const part1 = sidebar[1];

  test("links written chapters and leaves planned ones as text, in order", () => {
    expect(part1?.text).toBe("I · HTTP/1.1 from the socket up");
    const items = part1?.items ?? [];
    expect(items.slice(0, 3).map((i) => i.link)).toEqual([
      "/chapters/01-sockets",
      undefined,
      "/chapters/03-keep-alive",
    ]);
    expect(items[1]?.text).toContain('class="planned"');
    expect(items[1]?.text).toContain("02 · The request parser");
  });

  test("no link points at a chapter that does not exist", () => {
    const links = sidebar.flatMap((s) => s.items ?? []).flatMap((i) => (i.link ? [i.link] : []));
    const chapterLinks = links.filter((l) => l.startsWith("/chapters/") && l !== "/chapters/print");
    expect(chapterLinks).toEqual(["/chapters/01-sockets", "/chapters/03-keep-alive"]);
  });
});

describe("landing page links", () => {
  test("a link to an unwritten chapter goes to the first written one", () => {
    const md = "link: /chapters/01-sockets\n[x](/chapters/09-tls)";
    expect(retargetChapterLinks(md, [written[1] as ChapterSource])).toBe(
      "link: /chapters/03-keep-alive\n[x](/chapters/03-keep-alive)",
    );
    expect(retargetChapterLinks(md, written)).toBe(
      "link: /chapters/01-sockets\n[x](/chapters/01-sockets)",
    );
  });
});

describe("withFrontMatter", () => {
  test("adds a line to existing front matter or creates it", () => {
    expect(withFrontMatter("---\ntitle: x\n---\n# A", "next: false")).toBe(
      "---\nnext: false\ntitle: x\n---\n# A",
    );
    expect(withFrontMatter("# A", "next: false")).toBe("---\nnext: false\n---\n\n# A");
  });
});
