/**
 * Renders a transcript (tools/testing/transcript.ts) as a two-column
 * exchange: what the client sent on the left, what the server answered on
 * the right, in time order, with the file's comments as notes between.
 *
 * Escapes stay visible (`\r\n` is the point of HTTP/1.1 framing) but are
 * dimmed so the text reads as a message; `{*}` shows as a "varies" marker.
 */
import { escapeHtml } from "./render-code.ts";

type Row =
  | { readonly side: "client" | "server"; readonly lines: string[] }
  | { readonly side: "note"; readonly text: string }
  | { readonly side: "event"; readonly text: string };

const EVENTS: Readonly<Record<string, string>> = {
  "= close": "the server closes the connection",
  "= end": "the client half-closes (FIN)",
};

/** Group a transcript's lines into rows; throws on an unknown line. */
export function transcriptRows(text: string, file: string): Row[] {
  const rows: Row[] = [];
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.replace(/\r$/, "");
    if (line === "") continue;
    if (line.startsWith("#")) {
      rows.push({ side: "note", text: line.replace(/^#\s?/, "") });
      continue;
    }
    const event = EVENTS[line];
    if (event) {
      rows.push({ side: "event", text: event });
      continue;
    }
    const side = line[0] === ">" ? "client" : line[0] === "<" ? "server" : undefined;
    if (!side || (line.length > 1 && line[1] !== " "))
      throw new Error(`${file}:${i + 1}: expected '>', '<', '#' or '=': ${line}`);
    const last = rows.at(-1);
    if (last?.side === side) last.lines.push(line.slice(2));
    else rows.push({ side, lines: [line.slice(2)] });
  }
  return rows;
}

/** One transcript line as HTML: escapes dimmed, wildcards marked. */
function lineHtml(line: string): string {
  return line
    .split(/(\\r|\\n|\\t|\\\\|\\x[0-9a-fA-F]{2}|\{\*\})/)
    .map((part, i) => {
      if (i % 2 === 0) return escapeHtml(part);
      if (part === "{*}") return '<span class="t-wild" title="any value">…</span>';
      return `<span class="t-esc">${escapeHtml(part)}</span>`;
    })
    .join("");
}

function rowHtml(row: Row): string {
  if (row.side === "note") return `<div class="t-note">${escapeHtml(row.text)}</div>`;
  if (row.side === "event") return `<div class="t-event">${escapeHtml(row.text)}</div>`;
  const label = row.side === "client" ? "client →" : "← server";
  const body = row.lines.map((l) => `<span class="t-line">${lineHtml(l)}</span>`).join("");
  return (
    `<div class="t-row t-${row.side}"><div class="t-label">${label}</div>` +
    `<pre class="t-bytes">${body}</pre></div>`
  );
}

/** The whole transcript as one HTML block (no blank lines inside). */
export function renderTranscript(text: string, file: string): string {
  const rows = transcriptRows(text, file).map(rowHtml);
  return [
    `<div class="transcript" v-pre data-ref="${escapeHtml(file)}">`,
    ...rows,
    `<div class="t-caption">${escapeHtml(file)} — replayed byte for byte by the chapter's tests</div>`,
    "</div>",
  ].join("\n");
}
