/**
 * Plain padded columns for a terminal or a README.
 *
 * A table library would do, but padding strings is ten lines and keeps the
 * output stable to paste into Markdown: the same rows render as a text
 * table (for the terminal) or a pipe table (for the README).
 */

export type Align = "left" | "right";

export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Per column; numbers read best right-aligned. Default: left. */
  readonly align?: readonly Align[];
}

const pad = (text: string, width: number, align: Align): string =>
  align === "right" ? text.padStart(width) : text.padEnd(width);

function widths(table: Table): number[] {
  return table.headers.map((h, i) =>
    Math.max(h.length, ...table.rows.map((r) => (r[i] ?? "").length)),
  );
}

/** A text table: header, a rule of dashes, then rows; two spaces apart. */
export function formatTable(table: Table): string {
  const w = widths(table);
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => pad(c, w[i]!, table.align?.[i] ?? "left"))
      .join("  ")
      .trimEnd();
  const rule = w.map((n) => "-".repeat(n)).join("  ");
  return [line(table.headers), rule, ...table.rows.map(line)].join("\n");
}

/** The same table as GitHub-flavoured Markdown. */
export function formatMarkdownTable(table: Table): string {
  const w = widths(table).map((n) => Math.max(n, 3));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => pad(c, w[i]!, table.align?.[i] ?? "left")).join(" | ")} |`;
  const rule = w.map((n, i) =>
    table.align?.[i] === "right" ? `${"-".repeat(n - 1)}:` : "-".repeat(n),
  );
  return [line(table.headers), `| ${rule.join(" | ")} |`, ...table.rows.map(line)].join("\n");
}

/** 123456.7 → "123,457". */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** Milliseconds with enough digits to tell 0.4 from 4; "—" when absent. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms)} ms`;
}

/** Bytes in B, KiB or MiB (binary units, as /proc reports). */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return "—";
  const sign = bytes < 0 ? "-" : "";
  const b = Math.abs(bytes);
  if (b < 1024) return `${sign}${Math.round(b)} B`;
  if (b < 1024 * 1024) return `${sign}${(b / 1024).toFixed(1)} KiB`;
  return `${sign}${(b / 1024 / 1024).toFixed(1)} MiB`;
}

/** 1.234 → "1.23×"; "—" when there is nothing to compare with. */
export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return "—";
  return `${ratio.toFixed(2)}×`;
}

/** Bytes per second as MB/s (decimal megabytes, as throughput is quoted). */
export function formatMBps(bytesPerSec: number): string {
  return `${(bytesPerSec / 1e6).toFixed(1)} MB/s`;
}
