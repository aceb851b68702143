/**
 * Renders resolved code references as Markdown for the site.
 *
 * A snippet carries a caption (file, enclosing symbol, line numbers, a link
 * to its API page) so a reader always knows where the code lives and can
 * open it in an editor. Exercises show what the learner writes against:
 * signature, doc comment, hints folded in tiers, and the reference body
 * folded away.
 */
import type { Resolved } from "./code-refs.ts";
import type { FoundSymbol } from "./symbols.ts";

/** Finds the API page of an exported symbol: "file#symbol" → URL. */
export type ApiLookup = (file: string, symbol: string) => string | undefined;

export const escapeHtml = (s: string): string =>
  s
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");

/** "function takeLines", "method push of class LineFramer". */
export function describeSymbol(s: FoundSymbol): string {
  const own = s.name.split(".").at(-1) ?? s.name;
  const self = `${s.kind} <code>${escapeHtml(own)}</code>`;
  if (!s.owner) return self;
  return `${self} of ${s.owner.kind} <code>${escapeHtml(s.owner.name)}</code>`;
}

/** A fenced block long enough not to be closed by backticks inside. */
function fence(lang: string, text: string, firstLine?: number): string {
  const longest = Math.max(2, ...(text.match(/`{3,}/g) ?? []).map((m) => m.length));
  const ticks = "`".repeat(longest + 1);
  const numbers = firstLine === undefined ? "" : `:line-numbers=${firstLine}`;
  return `${ticks}${lang}${numbers}\n${text.replace(/\n+$/, "")}\n${ticks}`;
}

function caption(
  label: string,
  file: string,
  s: FoundSymbol,
  from: number,
  api: ApiLookup,
): string {
  const url = s.exported ? api(file, s.name) : undefined;
  const link = url
    ? `<a class="code-ref-api" href="${escapeHtml(url)}" target="_self">API</a>`
    : "";
  const lines = from === s.endLine ? `line ${from}` : `lines ${from}–${s.endLine}`;
  return (
    `<div class="code-ref-caption">${label}` +
    `<span class="code-ref-file">${escapeHtml(file)}</span>` +
    `<span class="code-ref-where">${describeSymbol(s)}</span>` +
    `<span class="code-ref-lines">${lines}</span>${link}</div>`
  );
}

/** `<!-- code: -->`: the symbol with its doc comment, as in the file. */
export function renderCode(r: Extract<Resolved, { kind: "code" }>, api: ApiLookup): string {
  const { symbol: s, directive: d } = r;
  return [
    `<div class="code-ref" data-ref="${escapeHtml(`${d.file}#${d.symbol}`)}">`,
    caption("", d.file, s, s.startLine, api),
    "",
    fence("ts", s.text, s.startLine),
    "",
    "</div>",
  ].join("\n");
}

const TIERS = ["nudge", "concept", "near-solution"] as const;

/** Markdown safe inside a Vue template: no `{{` interpolation. */
/**
 * Prose from doc comments and hints, made safe for VitePress: `{{` would
 * start a Vue interpolation, and a line ending in `}` would be read as a
 * markdown-it-attrs attribute list (`{ if (x) … }` became attributes of the
 * paragraph and broke the build), and `<name>` outside inline code would
 * open an HTML element. Code fences are left alone.
 */
/** `Set<number>` is text, not an element; `[Symbol.iterator]()` is not a link. */
const proseSafe = (text: string): string =>
  text.replace(/<(?=[A-Za-z/!?])/g, "&lt;").replaceAll("]()", "]\\()");

export function vueSafe(md: string): string {
  let fenced = false;
  return md
    .split("\n")
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
      if (fenced) return line;
      // Outside inline code, `Set<number>` or `<cert>` would open an element.
      const safe = line
        .split("`")
        .map((part, i) => (i % 2 === 0 ? proseSafe(part) : part))
        .join("`")
        .replaceAll("{{", "{&#8203;{");
      return /\}\s*$/.test(safe) ? `${safe.trimEnd()}&#8203;` : safe;
    })
    .join("\n");
}

/** The declaration without its doc comment. */
function withoutDoc(s: FoundSymbol): string {
  return s.text
    .split("\n")
    .slice(s.declarationLine - s.startLine)
    .join("\n");
}

/** `<!-- exercise: -->`: what to write, hints, the gate, the answer. */
export function renderExercise(r: Extract<Resolved, { kind: "exercise" }>, api: ApiLookup): string {
  const { symbol: s, directive: d, exercise } = r;
  const learnerFile = d.file.replace(/^solutions\//, "exercises/");
  const hints = exercise.hints.flatMap((h, i) => [
    `::: details Hint ${i + 1} · ${TIERS[i] ?? "more"}`,
    vueSafe(h),
    ":::",
    "",
  ]);
  const other = s.tags
    .filter(([t]) => t !== "exercise" && t !== "hint")
    .map(([t, text]) => `- **@${t}** ${vueSafe(text)}`);
  return [
    `<div class="exercise-ref" data-ref="${escapeHtml(`${d.file}#${d.symbol}`)}">`,
    caption('<span class="code-ref-label">Exercise</span>', d.file, s, s.declarationLine, api),
    "",
    fence("ts", exercise.signature),
    "",
    vueSafe(s.doc),
    "",
    ...(other.length > 0 ? [...other, ""] : []),
    ...hints,
    `Write the body in \`${learnerFile}\`, then run the gate:`,
    "",
    fence("sh", "npm run learn"),
    "",
    "::: details Show the solution",
    fence("ts", withoutDoc(s), s.declarationLine),
    ":::",
    "",
    "</div>",
  ].join("\n");
}
