/**
 * A real HTTP/1.1 server for end-to-end tests: chapter 03's connection on
 * a loopback port chosen by the OS, with this chapter's middleware in
 * front of a small demo application.
 */
import net from "node:net";
import { resolveOptions } from "#ch03/connection-options.ts";
import { serveHttp1 } from "#ch03/serve-http1.ts";
import type { Handler, HttpResponse } from "#ch03/message.ts";

export const LAST_MODIFIED = "Fri, 20 Nov 2026 08:00:00 GMT";

/**
 * The demo: a page with validators (as chapter 06 serves files), and an
 * API route that states its own freshness and counts how often it ran.
 */
export function demoApp(): Handler & { quotes: number } {
  const app = Object.assign(
    (request: Parameters<Handler>[0]): HttpResponse => {
      const path = request.target.split("?")[0];
      if (path === "/guide.html")
        return {
          status: 200,
          headers: [
            ["content-type", "text/html; charset=utf-8"],
            ["etag", '"g1"'],
            ["last-modified", LAST_MODIFIED],
          ],
          body: "<h1>The guide</h1>\n",
        };
      if (path === "/api/quote" && request.method === "PUT") return { status: 204 };
      if (path === "/api/quote") {
        app.quotes++;
        return {
          status: 200,
          headers: [
            ["content-type", "text/plain; charset=utf-8"],
            ["cache-control", "max-age=60"],
          ],
          body: `quote #${app.quotes}: the fastest request is the one not sent\n`,
        };
      }
      return { status: 404, body: "not found\n" };
    },
    { quotes: 0 },
  );
  return app;
}

export interface RunningServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1, port 0; `close` also destroys open sockets. */
export function startServer(handler: Handler): Promise<RunningServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    serveHttp1(socket, handler, resolveOptions());
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        port,
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
