/**
 * A markdown-it plugin for the site: relative links from a chapter to a
 * repository file that is not a page of the site (a solution, a test, a
 * transcript) are rewritten to the repository on the web when
 * package.json names one, and otherwise shown as the path in code style.
 * Links between pages (chapters, README, CONTRIBUTING) stay as they are;
 * a link to a file that does not exist is left for the dead-link check.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { UserConfig } from "vitepress";

/** VitePress's own markdown-it instance type. */
type MarkdownIt = Parameters<NonNullable<NonNullable<UserConfig["markdown"]>["config"]>>[0];

interface Options {
  /** Repository root; the site folder mirrors its layout. */
  readonly root: string;
}

/** "https://github.com/o/r/blob/main/" from package.json, if any. */
export function repositoryBlobUrl(root: string): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
      repository?: string | { url?: string };
    };
    const raw = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
    const m = raw && /github\.com[/:]([^/]+\/[^/.]+)/.exec(raw);
    return m ? `https://github.com/${m[1]}/blob/main/` : undefined;
  } catch {
    return undefined;
  }
}

const isRelative = (href: string): boolean => !/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(href);

export function repoLinks(md: MarkdownIt, options: Options): void {
  const blob = repositoryBlobUrl(options.root);
  md.core.ruler.push("handshake-repo-links", (state) => {
    const env = state.env as { relativePath?: string; path?: string };
    if (!env.path || env.relativePath === undefined) return;
    const srcDir = env.path.slice(0, env.path.length - env.relativePath.length);
    for (const block of state.tokens) {
      const children = block.children ?? [];
      for (const [i, t] of children.entries()) {
        if (t.type !== "link_open") continue;
        const href = t.attrGet("href") ?? "";
        if (!isRelative(href)) continue;
        const abs = path.resolve(path.dirname(env.path), decodeURI(href.split("#")[0] ?? ""));
        // A page or asset of the site: VitePress links it (and checks it).
        if (existsSync(abs)) continue;
        const target = path.relative(srcDir, abs).split(path.sep).join("/");
        if (target.startsWith("..") || !existsSync(path.join(options.root, target))) continue;
        if (blob) {
          t.attrSet("href", blob + target);
          continue;
        }
        const close = children.findIndex((c, k) => k > i && c.type === "link_close");
        t.type = "html_inline";
        t.content = `<span class="repo-path" title="${target}">`;
        const end = children[close];
        if (end) {
          end.type = "html_inline";
          end.content = "</span>";
        }
      }
    }
  });
}
