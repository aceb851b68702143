/**
 * Where a printed chapter's text lands, read back from the PDF Chromium
 * made (pdf.js, the PDF reader Firefox uses), and the two faults the print
 * styles must prevent: a table row cut in two by a page break, and a page
 * left half empty because the next block would not fit (a figure, a
 * heading kept with what follows, a block that must not break).
 *
 * Table rows are found by markers: before printing, MARK_ROWS writes a
 * tiny token (QQR<n>QQ) at the start and end of every body cell of row n.
 * A row whose tokens land on two pages was split.
 */
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** Run in the page before printing (a string: it runs in the browser). */
export const MARK_ROWS = `(() => {
  const rows = [...document.querySelectorAll(".vp-doc table tbody tr")];
  rows.forEach((tr, n) => {
    for (const cell of tr.cells) {
      const mark = () => {
        const s = document.createElement("span");
        s.textContent = "QQR" + n + "QQ";
        s.style.fontSize = "3px";
        return s;
      };
      cell.prepend(mark());
      cell.append(mark());
    }
  });
  return rows.map((tr) => tr.cells[0]?.textContent?.replace(/QQR\\d+QQ/g, "").trim() ?? "");
})()`;

export interface PrintedPage {
  /** 1-based. */
  readonly number: number;
  readonly text: string;
  /** Share of the page's text area used, from its top to its lowest line. */
  readonly fill: number;
}

const POINTS_PER_MM = 72 / 25.4;

/** Each page's text and how full it is, inside the given margins (mm). */
export async function readPages(
  pdf: Uint8Array,
  margin: { readonly top: number; readonly bottom: number },
): Promise<PrintedPage[]> {
  const doc = await getDocument({ data: pdf, verbosity: 0, isEvalSupported: false }).promise;
  const pages: PrintedPage[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [, bottom, , height] = page.view as [number, number, number, number];
      const top = height - margin.top * POINTS_PER_MM;
      const floor = bottom + margin.bottom * POINTS_PER_MM;
      let lowest = top;
      const text: string[] = [];
      for (const item of (await page.getTextContent()).items) {
        if (!("str" in item) || item.str.trim() === "") continue;
        const y = item.transform[5] as number;
        if (y < floor - 1) continue; // the footer, in the bottom margin
        text.push(item.str);
        lowest = Math.min(lowest, y - (item.height || 0) * 0.25);
      }
      pages.push({ number: n, text: text.join(" "), fill: (top - lowest) / (top - floor) });
    }
  } finally {
    await doc.destroy();
  }
  return pages;
}

/**
 * The faults of one printed chapter: rows on two pages, and pages (but
 * the last, where the chapter ends) filled less than `minFill`.
 */
export function pageBreakProblems(
  pages: readonly PrintedPage[],
  rows: readonly string[],
  minFill: number,
): string[] {
  const problems: string[] = [];
  const seenOn = new Map<number, Set<number>>();
  for (const p of pages) {
    for (const m of p.text.matchAll(/QQR(\d+)QQ/g)) {
      const row = Number(m[1]);
      const on = seenOn.get(row) ?? new Set<number>();
      on.add(p.number);
      seenOn.set(row, on);
    }
  }
  rows.forEach((first, row) => {
    const on = [...(seenOn.get(row) ?? [])];
    if (on.length === 0) problems.push(`table row ${row} ("${first}") is missing from the PDF`);
    if (on.length > 1) problems.push(`table row "${first}" is split across pages ${on.join(", ")}`);
  });
  for (const p of pages.slice(0, -1)) {
    if (p.fill < minFill) {
      problems.push(
        `page ${p.number} is ${Math.round(p.fill * 100)}% full: "${p.text.slice(-60)}"`,
      );
    }
  }
  return problems;
}
