/**
 * The open track: wire-level tests against a server the learner wrote
 * their own way (`npm run learn -- --open "<command>"`, tools/learn/open.ts).
 *
 * A test file is wire-level when it imports this module: it talks to its
 * server only over TCP, so any server that answers the same bytes passes
 * it. When HANDSHAKE_OPEN_TARGET ("host:port") is set, such a test uses
 * that server instead of starting the reference one.
 */

export interface OpenTarget {
  readonly host: string;
  readonly port: number;
}

/** The learner's external server, when the open track runs; else undefined. */
export function openTarget(env: NodeJS.ProcessEnv = process.env): OpenTarget | undefined {
  const spec = env.HANDSHAKE_OPEN_TARGET;
  if (!spec) return undefined;
  const m = /^(.*):(\d+)$/.exec(spec);
  if (!m?.[1] || !m[2]) throw new Error(`HANDSHAKE_OPEN_TARGET must be host:port, got ${spec}`);
  return { host: m[1].replace(/^\[|\]$/g, ""), port: Number(m[2]) };
}

/** A server for a wire-level test: the learner's, or the reference. */
export interface WireTarget {
  readonly host: string;
  readonly port: number;
  /** Stops the reference server; the learner's is the open track's to stop. */
  close(): Promise<void>;
}

/**
 * The server a wire-level test talks to: the learner's under the open
 * track, else `startReference()` (the book's server as of the chapter).
 */
export async function wireTarget(
  startReference: () => Promise<{ readonly port: number; close(): Promise<unknown> }>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<WireTarget> {
  const open = openTarget(env);
  if (open) return { ...open, close: async () => {} };
  const server = await startReference();
  return {
    host: "127.0.0.1",
    port: server.port,
    close: async () => {
      await server.close();
    },
  };
}
