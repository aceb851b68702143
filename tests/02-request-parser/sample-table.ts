/**
 * The chapter's "bytes in, head out" table, generated from the test data
 * and the real parser. samples.test.ts fails when the table in
 * chapters/02-request-parser.md differs from what this returns, and prints
 * the fresh table to paste.
 */
import { RequestHeadParser } from "#ch02/request-head-parser.ts";
import { escapeBytes } from "#testing/wire.ts";
import { ACCEPTED, REJECTED } from "./cases.ts";

/** The rows the chapter shows, by case name prefix. */
const SHOWN = [
  "what curl sends",
  "an empty line before",
  "OWS around a value",
  "absolute-form",
  "the body is left",
  "bare LF ends a field line",
  "space before colon",
  "obs-fold",
  "two Host lines (",
  "a method longer",
  "HTTP/2.0 over",
  "overlong request-line, refused",
];

/** Markdown-safe code span for escaped bytes. */
const code = (bytes: string): string => `\`${escapeBytes(bytes).replace(/\|/g, "\\|")}\``;

/** What the parser makes of `bytes`, as one short line of Markdown. */
function describeResult(bytes: string): string {
  const limits = REJECTED.find((c) => c.bytes === bytes)?.limits ?? {};
  const r = new RequestHeadParser(limits).push(Buffer.from(bytes, "latin1"));
  if (r.kind === "incomplete") return "incomplete";
  const note = Object.entries(limits)
    .map(([k, v]) => ` (${k} ${v})`)
    .join("");
  if (r.kind === "error") return `**${r.error.status}** \`${r.error.code}\`${note}`;
  const { method, target, targetForm, version, headers } = r.head;
  const fields = headers.map(([n, v]) => code(`${n}: ${v}`)).join(" ");
  return `${code(method)} ${code(target)} ${targetForm}, ${version}; ${fields}; consumed ${r.consumed}`;
}

export function sampleTable(): string {
  const cases = [...ACCEPTED, ...REJECTED];
  const rows = SHOWN.map((prefix) => {
    const c = cases.find((x) => x.name.startsWith(prefix));
    if (c === undefined) throw new Error(`sample table: no case named ${prefix}...`);
    return `| ${c.name} | ${code(c.bytes)} | ${describeResult(c.bytes)} |`;
  });
  return ["| case | bytes in | parser out |", "| --- | --- | --- |", ...rows].join("\n");
}
