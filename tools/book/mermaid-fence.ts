/**
 * A markdown-it rule for the site: a fenced `mermaid` block becomes a
 * <MermaidDiagram> component (book/.vitepress/theme), which draws it in
 * the browser. The source travels URI-encoded so no character of it can
 * be read as HTML or as a Vue template.
 */
import type { UserConfig } from "vitepress";

type MarkdownIt = Parameters<NonNullable<NonNullable<UserConfig["markdown"]>["config"]>>[0];

export function mermaidFence(md: MarkdownIt): void {
  const fallback = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (token && token.info.trim() === "mermaid")
      return `<MermaidDiagram code="${encodeURIComponent(token.content)}" />\n`;
    return fallback
      ? fallback(tokens, idx, options, env, self)
      : self.renderToken(tokens, idx, options);
  };
}
