/**
 * Does the woven code fit its box on a desktop? Runs in the browser (a
 * string for page.evaluate: the project's types have no DOM).
 *
 * - Book code is at most 80 columns wide, and a block whose lines are all
 *   that short must show them whole, without a sideways scroll.
 * - Line numbers sit in their own gutter beside the code: the last number
 *   must be level with the last line, or every number drifts away from
 *   its line.
 * - A table fits the column: its last columns (a benchmark table's
 *   ratios) are never scrolled out of sight.
 */
export interface CodeFit {
  /** Blocks of at most 80 columns that still scroll: their first line. */
  readonly cut: readonly string[];
  /** Blocks whose last line number is off its line by more than 3 px. */
  readonly drifting: readonly string[];
  /** Tables wider than the column: their first header cell. */
  readonly wideTables: readonly string[];
  /** Blocks measured. */
  readonly blocks: number;
}

export const MEASURE_CODE = `(() => {
  const cut = [];
  const drifting = [];
  const blocks = [...document.querySelectorAll(".vp-doc div[class*='language-']")];
  for (const block of blocks) {
    const pre = block.querySelector("pre");
    if (!pre || pre.offsetParent === null) continue; // folded away
    const lines = [...pre.querySelectorAll(".line")];
    const first = (lines[0]?.textContent ?? "").trim().slice(0, 60);
    const widest = Math.max(0, ...lines.map((l) => (l.textContent ?? "").length));
    if (widest <= 80 && pre.scrollWidth > pre.clientWidth + 1) cut.push(first);
    const numbers = block.querySelectorAll(".line-numbers-wrapper .line-number");
    const lastNumber = numbers[numbers.length - 1];
    const lastLine = lines[lines.length - 1];
    if (lastNumber && lastLine && numbers.length === lines.length) {
      const drift = lastNumber.getBoundingClientRect().top - lastLine.getBoundingClientRect().top;
      if (Math.abs(drift) > 3) drifting.push(first + " (" + Math.round(drift) + " px)");
    }
  }
  const column = document.querySelector(".vp-doc")?.getBoundingClientRect().right ?? 0;
  const wideTables = [...document.querySelectorAll(".vp-doc table")]
    .filter((t) => t.getBoundingClientRect().right > column + 1 || t.scrollWidth > t.clientWidth + 1)
    .map((t) => (t.querySelector("th, td")?.textContent ?? "").trim().slice(0, 40));
  return { cut, drifting, wideTables, blocks: blocks.length };
})()`;

/** Problems, one line each. */
export function codeFitProblems(fit: CodeFit): string[] {
  return [
    ...fit.cut.map((f) => `code of at most 80 columns scrolls sideways: ${f}`),
    ...fit.drifting.map((f) => `line numbers drift from their lines: ${f}`),
    ...fit.wideTables.map((f) => `table wider than the column: ${f}`),
  ];
}
