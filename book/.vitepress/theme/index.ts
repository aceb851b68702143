/**
 * The book's theme: VitePress's default theme (light/dark, search,
 * sidebar, previous/next) with the book's typography and the styles for
 * code captions, exercises and transcripts in style.css.
 */
import DefaultTheme from "vitepress/theme";
import "./style.css";

export default DefaultTheme;
