/**
 * The server as of chapter 05, on 127.0.0.1 port 0: the stages registered
 * in src/stages/index.ts up to chapter 5, with chapters 03 and 05 added
 * when the index does not list them yet. The logger records instead of
 * printing, and close() destroys every socket so vitest exits.
 */
import net from "node:net";
import { availableStages } from "../../src/assembly.ts";
import { stage as keepAlive } from "../../src/stages/03-keep-alive.ts";
import { stage as routing } from "../../src/stages/05-routing.ts";
import { fold, type ServerPlan, type Stage } from "../../src/stages/stage.ts";
import { connectionInfo } from "#ch01/connection.ts";
import { chooseProtocol } from "#ch03/protocol-choice.ts";

export interface AssembledServer {
  readonly port: number;
  readonly plan: ServerPlan;
  close(): Promise<void>;
}

/** Stages 1..5 in order, each chapter once. */
function stagesUpTo5(): Stage[] {
  const byChapter = new Map<number, Stage>();
  for (const stage of availableStages())
    if (stage.chapter <= 5) byChapter.set(stage.chapter, stage);
  byChapter.set(3, byChapter.get(3) ?? keepAlive);
  byChapter.set(5, byChapter.get(5) ?? routing);
  return [...byChapter.entries()].sort(([a], [b]) => a - b).map(([, stage]) => stage);
}

export async function startAssembled(): Promise<AssembledServer> {
  const settings = { host: "127.0.0.1", port: 0, root: process.cwd() };
  const plan = fold(settings, stagesUpTo5());
  const choose = chooseProtocol(plan.protocols);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    choose(socket, connectionInfo(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    plan,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
