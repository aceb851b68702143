/**
 * Starting and stopping an assembled server.
 *
 * The listener is chapter 01's TCP server helper; what runs on each socket
 * is whatever the assembly built. Stopping is graceful: stop accepting, let
 * connections finish within a grace period, then close the rest.
 */
import { assemble } from "./assembly.ts";
import type { ServerSettings } from "./stages/stage.ts";
import { listenTcp, type TcpServerHandle } from "#ch01/tcp-server.ts";

/** How long a graceful stop waits for open connections (ms). */
export const DEFAULT_SHUTDOWN_GRACE_MS = 5_000;

export interface StartOptions extends ServerSettings {
  /** Assemble chapters 1..chapter; default: every chapter. */
  readonly chapter?: number;
  readonly shutdownGraceMs?: number;
}

export interface RunningServer {
  /** The chapter the server was assembled up to. */
  readonly chapter: number;
  readonly host: string;
  /** The bound port (useful with port 0). */
  readonly port: number;
  /** What the chapters say they serve, one line each. */
  readonly banner: readonly string[];
  /** Stop gracefully; resolves when every connection is closed. */
  close(): Promise<void>;
}

/** Assemble chapters 1..N, run their start-up tasks and listen. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const assembly = assemble(options, options.chapter);
  for (const task of assembly.plan.startup ?? []) await task();
  const tcp: TcpServerHandle = await listenTcp(
    { host: options.host, port: options.port },
    assembly.protocol,
  );
  const grace = options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  return {
    chapter: assembly.chapter,
    host: options.host,
    port: tcp.address.port,
    banner: assembly.plan.banner,
    close: () => tcp.close({ graceMs: grace }),
  };
}
