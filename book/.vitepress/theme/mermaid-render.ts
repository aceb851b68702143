/**
 * Renders mermaid diagrams in the browser, one at a time.
 *
 * mermaid keeps global state (configuration, a scratch element per
 * render), so concurrent renders can corrupt each other: one bad diagram
 * then turns every later one on the page into "Syntax error". A single
 * queue keeps renders apart, and errors are returned, never drawn.
 */
let queue: Promise<unknown> = Promise.resolve();
let counter = 0;

export type Rendered =
  | { readonly ok: true; readonly svg: string }
  | { readonly ok: false; readonly error: string };

export function renderDiagram(source: string, dark: boolean): Promise<Rendered> {
  const job = queue.then(async (): Promise<Rendered> => {
    const mermaid = (await import("mermaid")).default;
    // Measure labels in the font they will be shown in, once it is loaded:
    // text measured in a fallback font overflows its box when the real
    // font arrives (style.css pins the same font on the labels).
    await document.fonts.ready;
    const font =
      getComputedStyle(document.documentElement).getPropertyValue("--vp-font-family-base").trim() ||
      "sans-serif";
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      suppressErrorRendering: true,
      theme: dark ? "dark" : "default",
      fontFamily: font,
      themeVariables: { fontFamily: font, fontSize: "16px" },
    });
    counter += 1;
    try {
      const { svg } = await mermaid.render(`hs-mermaid-${counter}`, source);
      return { ok: true, svg };
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  });
  queue = job;
  return job;
}
