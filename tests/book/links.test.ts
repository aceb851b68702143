/**
 * The link checker: relative links and anchors between the repository's
 * Markdown resolve; links inside code do not count; external links are
 * not fetched. Anchors follow GitHub's slugs (the site uses the same).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { checkLinks, clearAnchorCache, extractLinks } from "../../tools/book/links.ts";
import { githubSlug, headingAnchors } from "../../tools/book/slug.ts";

describe("githubSlug", () => {
  test.each([
    ["Pipelining", "pipelining"],
    ["Why keep-alive?", "why-keep-alive"],
    ["RFC 9112 §2.2: message parsing", "rfc-9112-22-message-parsing"],
    ["The `Content-Length` header", "the-content-length-header"],
    ["HTTP/1.1 from the socket up", "http11-from-the-socket-up"],
  ])("%s → %s", (heading, slug) => {
    expect(githubSlug(heading.replace(/`/g, ""))).toBe(slug);
  });

  test("repeated headings get -1, -2 like GitHub", () => {
    const anchors = headingAnchors("# A\n\n## Exercises\n\n## Exercises\n\n## Exercises\n");
    expect([...anchors]).toEqual(["a", "exercises", "exercises-1", "exercises-2"]);
  });

  test("headings inside fenced code are not headings", () => {
    expect([...headingAnchors("# Real\n\n```md\n# Not a heading\n```\n")]).toEqual(["real"]);
  });
});

describe("extractLinks", () => {
  test("finds inline, reference and HTML links with their lines; skips code", () => {
    const md = [
      "See [one](a.md) and ![img](b.png).",
      "`[not](code.md)` and",
      "```",
      "[not](fenced.md)",
      "```",
      "[ref]: c.md#x",
      '<a href="d.md">d</a>',
    ].join("\n");
    expect(extractLinks(md)).toEqual([
      { href: "a.md", line: 1 },
      { href: "b.png", line: 1 },
      { href: "c.md#x", line: 6 },
      { href: "d.md", line: 7 },
    ]);
  });
});

describe("checkLinks", () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), "handshake-links-"));
    mkdirSync(path.join(root, "chapters"));
    const files: Record<string, string> = {
      "README.md": "# R\n\n## Start here\n",
      "chapters/01-a.md": "# A\n\n## Pipelining\n",
      "chapters/02-b.md": [
        "# B",
        "",
        "[ok](01-a.md#pipelining) [ok](../README.md#start-here) [ok](#b)",
        "[web](https://example.com/missing) [mail](mailto:x@y)",
        "[gone](03-c.md) [anchor](01-a.md#pipe-lining)",
        "[self](#nowhere)",
      ].join("\n"),
    };
    for (const [f, text] of Object.entries(files)) writeFileSync(path.join(root, f), text);
    clearAnchorCache();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test("reports each broken file or anchor with file:line, and nothing else", () => {
    expect(checkLinks(root, "chapters/02-b.md")).toEqual([
      "chapters/02-b.md:5: broken link 03-c.md (no chapters/03-c.md)",
      "chapters/02-b.md:5: no heading #pipe-lining in chapters/01-a.md",
      "chapters/02-b.md:6: no heading #nowhere in chapters/02-b.md",
    ]);
  });

  test("a clean file has no problems", () => {
    expect(checkLinks(root, "chapters/01-a.md")).toEqual([]);
  });
});
