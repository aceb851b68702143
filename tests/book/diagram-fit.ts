/**
 * Does a drawn mermaid diagram fit the page? Runs in the browser (passed
 * to page.evaluate), so it uses only DOM APIs and returns plain data.
 *
 * - width: the svg's drawn width against the column it sits in and its
 *   own natural width (viewBox). A diagram squeezed to the 300 px an svg
 *   gets by default in a shrink-to-fit box fails this.
 * - clipped labels: every label's text must fit the box mermaid measured
 *   for it (a foreignObject's width and height); text measured before the
 *   page's font loaded, or in another font, overflows it ("412
 *   Precondition Fa").
 */
export interface DiagramFit {
  readonly index: number;
  readonly drawn: number;
  readonly natural: number;
  readonly column: number;
  readonly clipped: readonly string[];
}

/**
 * The measurement, as browser-side source (the project's types have no
 * DOM): evaluates to DiagramFit[].
 */
export const MEASURE_DIAGRAMS = `(() => {
  const out = [];
  const figures = [...document.querySelectorAll(".vp-doc .mermaid")];
  figures.forEach((figure, index) => {
    const svg = figure.querySelector("svg");
    if (!svg) return;
    const column = figure.closest(".vp-doc")?.clientWidth ?? 0;
    const natural = svg.viewBox.baseVal?.width ?? 0;
    const clipped = [];
    for (const fo of svg.querySelectorAll("foreignObject")) {
      const inner = fo.firstElementChild;
      if (!inner) continue;
      const text = (inner.textContent ?? "").trim();
      if (text === "") continue;
      const box = fo.getBoundingClientRect();
      // Content wider or taller than its box, in the box's own units.
      const scale = box.width / (fo.width.baseVal.value || 1);
      if (inner.scrollWidth * scale > box.width + 1.5 || inner.scrollHeight * scale > box.height + 1.5)
        clipped.push(text);
    }
    out.push({ index, drawn: svg.getBoundingClientRect().width, natural, column, clipped });
  });
  return out;
})()`;

/** Problems, one line each: too narrow for the column, or a label cut. */
export function fitProblems(fits: readonly DiagramFit[]): string[] {
  const problems: string[] = [];
  for (const f of fits) {
    // A diagram is drawn at its natural size, or shrunk to the column:
    // never narrower than both.
    const want = Math.min(f.natural, f.column);
    if (f.drawn < want - 2) {
      problems.push(
        `diagram ${f.index}: drawn ${Math.round(f.drawn)} px wide, natural ${Math.round(f.natural)} px, column ${f.column} px`,
      );
    }
    if (f.drawn > f.column + 2) {
      problems.push(
        `diagram ${f.index}: ${Math.round(f.drawn)} px overflows the ${f.column} px column`,
      );
    }
    for (const label of f.clipped) problems.push(`diagram ${f.index}: label cut: "${label}"`);
  }
  return problems;
}
