/**
 * One visit to a page as the browser saw it: every response with its
 * headers (read through Playwright's `page.on("response")`), and every
 * request that failed. Aborted requests are not failures by themselves
 * (VitePress prefetches chapters and drops them when the page moves on);
 * `failures` fetches each one (and any `recheck`ed) again and counts it only if that fails.
 */
import type { Page, Response } from "playwright-core";

/** A response the page received, with its headers in lower case. */
export interface SeenResponse {
  readonly url: string;
  readonly path: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Headers of the request that produced it. */
  readonly requestHeaders: Readonly<Record<string, string>>;
  /** Decoded body length, for HTML, JS and CSS only. */
  readonly bodyLength: number | undefined;
}

/** The kinds of text the book is made of and compression is for. */
export type TextKind = "html" | "js" | "css";

/** HTML, JS or CSS by Content-Type; anything else is not text here. */
export function textKind(contentType: string | undefined): TextKind | undefined {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "text/html") return "html";
  if (type === "text/css") return "css";
  if (type === "text/javascript" || type === "application/javascript") return "js";
  return undefined;
}

/** Collects a page's responses and failures from now on. */
export class PageVisit {
  readonly #origin: string;
  readonly #responses: Response[] = [];
  readonly #failed: string[] = [];
  readonly #recheck = new Set<string>();

  constructor(page: Page, origin: string) {
    this.#origin = origin;
    page.on("response", (r) => {
      if (r.url().startsWith(origin)) this.#responses.push(r);
    });
    page.on("requestfailed", (r) => {
      const why = r.failure()?.errorText ?? "unknown";
      if (why === "net::ERR_ABORTED") this.#recheck.add(r.url());
      else this.#failed.push(`${r.url()}: ${why}`);
    });
  }

  /** Count these only if fetching them again fails (e.g. never ended). */
  recheck(urls: readonly string[]): void {
    for (const url of urls) this.#recheck.add(url);
  }

  /** Every response so far, with headers and (for text) body length. */
  async responses(): Promise<SeenResponse[]> {
    return Promise.all(this.#responses.map((r) => this.#describe(r)));
  }

  /**
   * Requests that failed, and aborted ones that fail again when fetched
   * from the page's context (bounded by `timeoutMs` each).
   */
  async failures(page: Page, timeoutMs: number): Promise<string[]> {
    const out = [...this.#failed];
    for (const url of this.#recheck) {
      const r = await page.request.get(url, { timeout: timeoutMs });
      if (!r.ok()) out.push(`${url}: aborted, then HTTP ${r.status()}`);
    }
    return out;
  }

  async #describe(r: Response): Promise<SeenResponse> {
    const headers = await r.allHeaders();
    const requestHeaders = await r.request().allHeaders();
    const kind = textKind(headers["content-type"]);
    const body = kind && r.status() === 200 ? await r.body().catch(() => undefined) : undefined;
    return {
      url: r.url(),
      path: r.url().slice(this.#origin.length),
      status: r.status(),
      headers,
      requestHeaders,
      bodyLength: body?.length,
    };
  }
}
