/**
 * The site's table of contents: written chapters are linked in their
 * part, planned ones are shown unlinked (never a dead link), and the
 * landing page's chapter links follow what exists.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import {
  buildSidebar,
  type ChapterSource,
  listBookPages,
  listNotes,
  landingContents,
  retargetChapterLinks,
  withContents,
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

  test("design notes get their own group, linked under chapters/notes/", () => {
    const notes = [
      {
        ...chapter(3, "03-keep-alive", "Keep-alive: notes"),
        file: "chapters/notes/03-keep-alive.md",
      },
    ];
    const group = buildSidebar(written, true, notes).find((s) => s.text === "Design notes");
    expect(group?.items).toEqual([
      { text: "03 · Keep-alive: notes", link: "/chapters/notes/03-keep-alive" },
    ]);
    expect(sidebar.some((s) => s.text === "Design notes")).toBe(false);
  });

  test("no link points at a chapter that does not exist", () => {
    const links = sidebar.flatMap((s) => s.items ?? []).flatMap((i) => (i.link ? [i.link] : []));
    const chapterLinks = links.filter((l) => l.startsWith("/chapters/") && l !== "/chapters/print");
    expect(chapterLinks).toEqual(["/chapters/01-sockets", "/chapters/03-keep-alive"]);
  });
});

describe("listNotes and listBookPages", () => {
  test("a chapter's design notes are a page of the book after the chapters", () => {
    const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
    expect(listNotes(fixture).map((n) => n.file)).toEqual(["chapters/notes/01-fixture.md"]);
    expect(listNotes(fixture)[0]?.title).toBe("A fixture chapter: design notes");
    expect(listBookPages(fixture).map((n) => n.file)).toEqual([
      "chapters/01-fixture.md",
      "chapters/notes/01-fixture.md",
    ]);
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

describe("the landing page's contents", () => {
  test("every part, written chapters linked, planned ones marked planned", () => {
    const toc = landingContents(written);
    expect(toc).toContain("- [01 · Sockets](/chapters/01-sockets)");
    expect(toc).toContain("- [03 · Keep-alive](/chapters/03-keep-alive)");
    expect(toc).toMatch(/- 02 · The request parser <span class="planned">planned<\/span>/);
    expect(toc).toMatch(/### V · Operations[\s\S]*19 · Performance/);
    expect(toc).not.toMatch(/\]\(\/chapters\/02-/);
  });

  test("replaces the contents marker of book/index.md", () => {
    const md = withContents("# Hi\n\n<!-- contents -->\n\nafter\n", written);
    expect(md).not.toContain("<!-- contents -->");
    expect(md).toMatch(/### I · HTTP\/1\.1 from the socket up\n\n- \[01 · Sockets\]/);
    expect(md).toMatch(/after\n$/);
  });
});
