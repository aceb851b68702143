/**
 * Mermaid syntax, checked before the site is built.
 *
 * A diagram with a typo does not fail a VitePress build: the page shows
 * "Syntax error in text" with a bomb icon. mermaid's own parser runs in
 * Node for most diagram types, so the check and the build parse every
 * fenced `mermaid` block and report a syntax error with the chapter's
 * file:line. Diagram types whose parser needs a browser DOM (state
 * diagrams sanitise labels with DOMPurify) cannot be parsed here; the
 * browser test renders those and fails on an error diagram.
 */

export interface MermaidBlock {
  readonly source: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
}

/** Every fenced mermaid block of a Markdown text. */
export function mermaidBlocks(markdown: string): MermaidBlock[] {
  const blocks: MermaidBlock[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*mermaid\s*$/.exec(lines[i] ?? "");
    if (!open?.[2]) continue;
    const fence = open[2];
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !(lines[i] ?? "").trim().startsWith(fence); i++)
      body.push(lines[i] ?? "");
    blocks.push({ source: body.join("\n"), line: start + 1 });
  }
  return blocks;
}

/** An error mermaid raises for the text itself, not for a missing DOM. */
const SYNTAX = /Parse error|Lexical error|No diagram type detected|Syntax error/i;

type Parse = (text: string) => Promise<unknown>;

let parser: Promise<Parse> | undefined;

async function loadParser(): Promise<Parse> {
  const mermaid = (await import("mermaid")).default;
  return (text) => mermaid.parse(text);
}

/** Syntax errors of every diagram in `markdown`, as "file:line: ...". */
export async function checkMermaid(markdown: string, file: string): Promise<string[]> {
  const blocks = mermaidBlocks(markdown);
  if (blocks.length === 0) return [];
  parser ??= loadParser();
  const parse = await parser;
  const problems: string[] = [];
  for (const b of blocks) {
    try {
      await parse(b.source);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (!SYNTAX.test(message)) continue;
      const first = message.split("\n").slice(0, 3).join(" | ");
      problems.push(`${file}:${b.line}: mermaid diagram does not parse: ${first}`);
    }
  }
  return problems;
}
