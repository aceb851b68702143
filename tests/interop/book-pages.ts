/**
 * Which pages and files of the built book the interop tests use, and a
 * Range request made from inside a page (so it is Chromium's fetch, with
 * Chromium's headers, that asks).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

/** The chapter page to open: chapter 07 when built, else the first. */
export function chapterPage(dist: string): string {
  const pages = readdirSync(path.join(dist, "chapters")).filter((f) => /^\d\d-.*\.html$/.test(f));
  const page = pages.includes("07-caching.html") ? "07-caching.html" : pages.sort()[0];
  if (page === undefined) throw new Error(`no chapter pages in ${dist}/chapters`);
  return `/chapters/${page}`;
}

/** The app's entry script (assets/app.<hash>.js), large and hashed. */
export function appAsset(dist: string): { readonly url: string; readonly file: string } {
  const name = readdirSync(path.join(dist, "assets")).find((f) => /^app\..*\.js$/.test(f));
  if (name === undefined) throw new Error(`no assets/app.*.js in ${dist}`);
  return { url: `/assets/${name}`, file: path.join(dist, "assets", name) };
}

/**
 * True for content-hashed files under /assets/. The DevTools log can hold
 * an entry whose url is not absolute yet (seen once under load); it is not
 * an asset.
 */
export const isAsset = (url: string): boolean =>
  URL.canParse(url) && new URL(url).pathname.startsWith("/assets/");

/** What fetch() in the page got for a Range request. */
export interface RangeAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly bytes: number[];
}

/** Bound for the in-page fetch (ms). */
export const FETCH_TIMEOUT_MS = 10_000;

/** fetch(url) with a Range header from the page, past the cache. */
export function fetchRange(page: Page, url: string, range: string): Promise<RangeAnswer> {
  const args = { url, range, timeout: FETCH_TIMEOUT_MS };
  return page.evaluate(async (a) => {
    // `cache` is a browser option node's RequestInit type lacks.
    const init = {
      headers: { Range: a.range },
      cache: "no-store",
      signal: AbortSignal.timeout(a.timeout),
    } as RequestInit;
    const r = await fetch(a.url, init);
    const bytes = [...new Uint8Array(await r.arrayBuffer())];
    return { status: r.status, headers: Object.fromEntries(r.headers), bytes };
  }, args);
}
