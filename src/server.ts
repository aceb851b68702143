/**
 * Starting and stopping an assembled server.
 *
 * Every listener the chapters added hands its sockets to one place that
 * picks the protocol (ALPN, preface, or the default; chapter 03's
 * protocol-choice.ts) and keeps the connection in one set. Stopping is
 * graceful (chapter 01's closeGracefully): stop accepting, close idle
 * connections at once, let busy ones finish, destroy the rest after the
 * grace period.
 */
import type { Socket } from "node:net";
import { connectionInfo, type ListeningHandle } from "#ch01/connection.ts";
import {
  type CloseReport,
  ConnectionSet,
  closeGracefully,
  DEFAULT_GRACE_MS,
} from "#ch01/graceful-close.ts";
import { chooseProtocol } from "#ch03/protocol-choice.ts";
import { assemble } from "./assembly.ts";
import type { ServerPlan, ServerSettings } from "./stages/stage.ts";

/** How long a graceful stop waits for open connections (ms). */
export const DEFAULT_SHUTDOWN_GRACE_MS = DEFAULT_GRACE_MS;

export interface StartOptions extends ServerSettings {
  /** Assemble chapters 1..chapter; default: every chapter. */
  readonly chapter?: number;
}

/** One listener, bound. */
export interface BoundListener {
  readonly name: string;
  readonly host: string;
  /** The bound port (useful with port 0). */
  readonly port: number;
  readonly secure: boolean;
}

export interface RunningServer {
  /** The chapter the server was assembled up to. */
  readonly chapter: number;
  /** The first listener's host and bound port. */
  readonly host: string;
  readonly port: number;
  /** Every listener, in the order the chapters added them. */
  readonly listeners: readonly BoundListener[];
  /** What the chapters say they serve, one line each. */
  readonly banner: readonly string[];
  /** Connections open right now, and how many of them are busy. */
  connections(): { readonly open: number; readonly busy: number };
  /**
   * Stop gracefully; resolves when every connection is closed, with how
   * many had to be destroyed. Repeated calls share the first.
   */
  close(): Promise<CloseReport>;
}

/** Assemble chapters 1..N, run their start-up tasks and listen. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { chapter, plan } = assemble(options, options.chapter);
  for (const task of plan.startup ?? []) await task();
  return servePlan(plan, chapter);
}

/**
 * Listen on every listener of a folded plan and run its protocols: the
 * part of startServer a test can call with a plan of its own.
 */
export async function servePlan(plan: ServerPlan, chapter = 0): Promise<RunningServer> {
  const choose = chooseProtocol(plan.protocols);
  const connections = new ConnectionSet();
  const onSocket = (socket: Socket): void => {
    try {
      connections.add(socket, choose(socket, connectionInfo(socket)));
    } catch (error) {
      console.error(`server: no protocol could serve a connection: ${(error as Error).message}`);
      socket.destroy();
    }
  };
  const handles: ListeningHandle[] = [];
  try {
    for (const listener of plan.listeners) handles.push(await listener.listen(onSocket));
  } catch (error) {
    await Promise.all(handles.map((h) => h.close()));
    throw error;
  }
  const bound = plan.listeners.map((l, i) => ({
    name: l.name,
    host: l.host,
    port: handles[i]?.address.port ?? l.port,
    secure: l.secure,
  }));
  const graceMs = plan.settings.limits?.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  let closing: Promise<CloseReport> | undefined;
  return {
    chapter,
    host: bound[0]?.host ?? plan.settings.host,
    port: bound[0]?.port ?? 0,
    listeners: bound,
    banner: plan.banner,
    connections: () => ({ open: connections.size, busy: connections.busy }),
    close: () => {
      closing ??= closeGracefully(handles, connections, { graceMs });
      return closing;
    },
  };
}
