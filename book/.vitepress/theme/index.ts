/**
 * The book's theme: VitePress's default theme (light/dark, search,
 * sidebar, previous/next) with the book's typography and the styles for
 * code captions, exercises and transcripts in style.css, plus our own
 * mermaid component (see mermaid-render.ts for why not the plugin).
 */
import type { Theme } from "vitepress";
import DefaultTheme from "vitepress/theme";
import MermaidDiagram from "./MermaidDiagram.vue";
import "./style.css";

const theme: Theme = {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component("MermaidDiagram", MermaidDiagram);
  },
};

export default theme;
