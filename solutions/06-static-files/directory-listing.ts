/**
 * An HTML index of a directory, for operators who turn it on.
 *
 * Off by default: a listing shows names nobody linked to (backups, drafts,
 * "old/"), which is how many leaks begin. When on, it hides what the
 * dotfile policy hides, and escapes every name twice over: once for the
 * URL (percent-encoding), once for HTML (a file called
 * "<script>.txt" must not become a script).
 */
import { readdir } from "node:fs/promises";
import type { DotfilePolicy } from "./static-options.ts";

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** The listing page for `dir`, shown at URL path `urlPath` (ends in "/"). */
export async function directoryListing(
  dir: string,
  urlPath: string,
  dotfiles: DotfilePolicy,
  maxEntries: number,
): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  const items = entries
    .filter((e) => dotfiles === "allow" || !e.name.startsWith("."))
    .map((e) => (e.isDirectory() ? `${e.name}/` : e.name))
    .sort()
    .slice(0, maxEntries)
    .map((name) => {
      const href =
        encodeURIComponent(name.replace(/\/$/, "")) +
        (name.endsWith("/") ? "/" : "");
      return `<li><a href="${escapeHtml(href)}">${escapeHtml(name)}</a></li>`;
    });
  const title = `Index of ${escapeHtml(decodeURI(urlPath))}`;
  return (
    `<!doctype html>\n<meta charset="utf-8">\n<title>${title}</title>\n` +
    `<h1>${title}</h1>\n<ul>\n${items.join("\n")}\n</ul>\n`
  );
}
