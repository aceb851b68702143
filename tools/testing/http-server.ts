/**
 * A handler on chapter 03's real HTTP/1.1 connection, listening on
 * 127.0.0.1 port 0, for end-to-end tests with curl, fetch and raw bytes.
 * `close()` destroys every open socket so vitest can exit.
 *
 * It imports chapter 03 through `#ch03/*`, so under `npm run learn` it runs
 * the learner's connection like every other chapter test.
 */
import net from "node:net";
import type { ConnectionOptions } from "#ch03/connection-options.ts";
import type { LogFields, Logger } from "#ch03/logger.ts";
import type { Handler } from "#ch03/message.ts";
import { http1ConnectionHandler } from "#ch03/serve-http1.ts";
import { fold, type Stage } from "../../src/stages/stage.ts";

export interface TestHttpServer {
  readonly port: number;
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  /**
   * What the connection logged at level error, one "event: field: field"
   * line each (the logger records instead of printing).
   */
  readonly logged: readonly string[];
  /** The same for level info: things that happened but are nobody's bug. */
  readonly noted: readonly string[];
  /** How many connections were accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/** `event: value: value`, errors by their message. */
function logLine(event: string, fields: LogFields | undefined): string {
  const values = Object.values(fields ?? {}).map((v) =>
    v instanceof Error ? v.message : typeof v === "string" ? v : JSON.stringify(v),
  );
  return [event, ...values].join(": ");
}

export async function startHttpServer(
  handler: Handler,
  options: Partial<ConnectionOptions> = {},
): Promise<TestHttpServer> {
  const logged: string[] = [];
  const noted: string[] = [];
  const logger: Logger = {
    error: (event, fields) => logged.push(logLine(event, fields)),
    info: (event, fields) => noted.push(logLine(event, fields)),
  };
  const serve = http1ConnectionHandler(handler, { logger, ...options });
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    serve(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    logged,
    noted,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * One chapter's stage applied over `handler` (as the assembly would apply
 * it after the earlier chapters), served on chapter 03's connection.
 */
export async function startStageServer(stage: Stage, handler: Handler): Promise<TestHttpServer> {
  const plan = fold({ host: "127.0.0.1", port: 0, root: "." }, [stage], { handler });
  const wrapped = plan.extensions.handler;
  if (!wrapped) throw new Error(`stage ${stage.slug} published no handler`);
  return startHttpServer(wrapped);
}
