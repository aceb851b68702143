/**
 * Shared fixtures for chapter 08: synthetic requests, a demo application
 * with text, an image and validators, and a real server on loopback.
 */
import type { Handler, HeaderList, HttpRequest, HttpResponse } from "#ch03/message.ts";

export { bytesOf, request } from "#testing/synthetic.ts";

/** A header's value in a response (lowercased name). */
export function field(response: HttpResponse, name: string): string | undefined {
  return response.headers?.find(([n]) => n === name)?.[1];
}

/** The guide: 3 KiB of HTML, so well over the 1 KiB threshold. */
export const GUIDE = `<!doctype html>\n<title>The guide</title>\n${"<p>Compress text, not images.</p>\n".repeat(90)}`;

/** A page under the threshold. */
export const SMALL = "<p>small</p>\n";

/** Not really a PNG, but typed as one: already-compressed media. */
export const PNG = Buffer.alloc(4096, 0x89);

/**
 * The demo application: what chapters 05–07 would answer, minus the
 * machinery. It records the last request it saw, so tests can check what
 * the compression middleware let through.
 */
export function demoApp(): Handler & { last: HttpRequest | undefined } {
  const app = Object.assign(
    (req: HttpRequest): HttpResponse => {
      app.last = req;
      const path = req.target.split("?")[0];
      const head = req.method === "HEAD";
      if (path === "/guide.html") {
        const headers: HeaderList = [
          ["content-type", "text/html; charset=utf-8"],
          ["etag", '"g1"'],
          ["content-length", String(Buffer.byteLength(GUIDE))],
        ];
        return head ? { status: 200, headers } : { status: 200, headers, body: GUIDE };
      }
      if (path === "/small.html")
        return {
          status: 200,
          headers: [["content-type", "text/html; charset=utf-8"]],
          body: SMALL,
        };
      if (path === "/logo.png")
        return {
          status: 200,
          headers: [
            ["content-type", "image/png"],
            ["etag", '"p1"'],
          ],
          body: PNG,
        };
      if (path === "/raw.txt")
        return {
          status: 200,
          headers: [
            ["content-type", "text/plain"],
            ["cache-control", "no-transform"],
          ],
          body: GUIDE,
        };
      return { status: 404, headers: [["content-type", "text/plain"]], body: "not found\n" };
    },
    { last: undefined as HttpRequest | undefined },
  );
  return app;
}

export {
  startHttpServer as startServer,
  type TestHttpServer as RunningServer,
} from "#testing/http-server.ts";
