/**
 * Directive expansion: a chapter's Markdown with every code, exercise and
 * transcript reference replaced by what it points at.
 *
 * Expansion is all-or-nothing per book: every broken reference is
 * collected with its file:line, so one build run lists them all.
 */
import { CodeRefError, type CodeResolver, findDirectives, type Resolved } from "./code-refs.ts";
import { renderCode, renderExercise, type ApiLookup } from "./render-code.ts";
import { renderTranscript } from "./render-transcript.ts";

export interface Expansion {
  readonly markdown: string;
  readonly resolved: readonly Resolved[];
  readonly errors: readonly string[];
}

function render(r: Resolved, api: ApiLookup): string {
  if (r.kind === "code") return renderCode(r, api);
  if (r.kind === "exercise") return renderExercise(r, api);
  return renderTranscript(r.text, r.directive.file);
}

/** Expand all directives of one Markdown file. */
export function expandMarkdown(
  markdown: string,
  mdFile: string,
  resolver: CodeResolver,
  api: ApiLookup = () => undefined,
): Expansion {
  const lines = markdown.split("\n");
  const resolved: Resolved[] = [];
  const errors: string[] = [];
  for (const d of findDirectives(markdown, mdFile)) {
    try {
      const r = resolver.resolve(d);
      resolved.push(r);
      lines[d.line - 1] = render(r, api);
    } catch (e) {
      if (e instanceof CodeRefError) errors.push(e.message);
      else errors.push(`${d.at}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { markdown: lines.join("\n"), resolved, errors };
}
