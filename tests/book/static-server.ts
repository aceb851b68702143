/**
 * A tiny static file server for the browser tests, on 127.0.0.1:0.
 *
 * node:http is allowed here as a test peer only. NOTE for the lead: once
 * the assembled server (src/cli.ts, chapter 06 static files) serves a
 * folder, switch the browser test to it, so the book is tested as readers
 * get it: by our own server.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".png": "image/png",
};

/** Map a URL path to a file: /a → /a.html, /dir/ → /dir/index.html. */
function fileFor(root: string, urlPath: string): string | undefined {
  const clean = path.normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, "");
  const base = path.join(root, clean);
  if (!base.startsWith(root)) return undefined;
  for (const f of [base, `${base}.html`, path.join(base, "index.html")])
    if (existsSync(f) && statSync(f).isFile()) return f;
  return undefined;
}

export async function serveStatic(
  root: string,
): Promise<{ readonly url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const file = fileFor(root, new URL(req.url ?? "/", "http://x").pathname);
    if (!file) {
      res.writeHead(404).end("not found");
      return;
    }
    const type = TYPES[path.extname(file)] ?? "application/octet-stream";
    res.writeHead(200, { "content-type": type });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
