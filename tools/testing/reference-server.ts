/**
 * The book's own server as of chapter N, on 127.0.0.1 port 0: what a
 * wire-level test (open-target.ts) talks to when no learner's server is
 * given. Stages 1..N of src/ (assemble), with an optional static root.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { assemble } from "../../src/assembly.ts";
import { servePlan } from "../../src/server.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A small site for the static-file chapters' wire tests (06 to 08). */
export const WIRE_SITE = path.join(ROOT, "tests", "06-static-files", "site");

export async function startReference(
  chapter: number,
  staticRoot?: string,
): Promise<{ readonly port: number; close(): Promise<unknown> }> {
  const settings = {
    host: "127.0.0.1",
    port: 0,
    root: ROOT,
    ...(staticRoot === undefined ? {} : { staticRoot }),
    limits: { shutdownGraceMs: 200 },
  };
  const { plan, chapter: upTo } = assemble(settings, chapter);
  const server = await servePlan(plan, upTo);
  return { port: server.port, close: () => server.close() };
}
