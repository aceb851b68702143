/**
 * The book, served the way readers get it: by our own assembled server
 * (chapter 06's static files behind the routes, with chapter 07's caching
 * and chapter 08's compression in front), on 127.0.0.1 port 0.
 */
import { REPO_ROOT } from "../../tools/book/paths.ts";
import { startServer } from "../../src/server.ts";

export async function serveStatic(
  root: string,
): Promise<{ readonly url: string; close(): Promise<void> }> {
  const server = await startServer({
    host: "127.0.0.1",
    port: 0,
    root: REPO_ROOT,
    staticRoot: root,
    limits: { shutdownGraceMs: 500 },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    close: () => server.close().then(() => undefined),
  };
}
