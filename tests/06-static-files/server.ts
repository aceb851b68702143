/**
 * The chapter's handler on chapter 03's real HTTP/1.1 connection, over
 * loopback on port 0, for end-to-end tests with curl, fetch and raw bytes.
 */
import net from "node:net";
import { http1ConnectionHandler } from "#ch03/serve-http1.ts";
import type { Handler } from "#ch03/message.ts";

export interface RunningServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

const quiet = { error: () => {} };

export async function startServer(handler: Handler): Promise<RunningServer> {
  const serve = http1ConnectionHandler(handler, { logger: quiet });
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    serve(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
